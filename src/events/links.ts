import { eventQueryString } from './filters';

const productCode = (code: string | null | undefined) => {
  const c = code?.trim();
  return c && /^[A-Za-z]{3}$/.test(c) ? c.toUpperCase() : undefined;
};

/**
 * "Reports for this model" from a device we own (an asset or an incident's device): the model
 * number, narrowed by the product code when there is one, since MAUDE's model numbers are short
 * and shared ("8000" is an infusion pump, a monitor and a ventilator from three makers). The
 * manufacturer is left out: a CMMS says "BD" or "Baxter" where MAUDE says "BECTON, DICKINSON AND
 * CO." or names the importer, so adding it loses more reports than it removes. Without a model,
 * the product code and manufacturer. Null when there is nothing to search by.
 */
export function deviceReportsHref(device: {
  model?: string | null;
  manufacturer?: string | null;
  productCode?: string | null;
}): string | null {
  const model = device.model?.trim();
  const code = productCode(device.productCode);
  if (model) return `/events${eventQueryString({ model, productCode: code })}`;
  const manufacturer = device.manufacturer?.trim();
  if (code && manufacturer) return `/events${eventQueryString({ manufacturer, productCode: code })}`;
  return null;
}

/**
 * Reports about a recalled product: the recalling firm (its MAUDE spellings are gathered) and
 * the product code. Null when the recall gives neither.
 */
export function recallReportsHref(firm: string | null | undefined, code: string | null | undefined) {
  const manufacturer = firm?.trim() || undefined;
  const pc = productCode(code);
  if (!manufacturer && !pc) return null;
  return `/events${eventQueryString({ manufacturer, productCode: pc })}`;
}
