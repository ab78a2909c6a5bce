/** A MAUDE report naming a device's model, as the asset's page lists it. */
export type ModelReport = {
  reportKey: string;
  reportNumber: string | null;
  dateReceived: string | null;
  eventType: string | null;
  manufacturer: string | null;
  brands: string | null;
  excerpt: string;
};
