/**
 * The closed lists of values some columns take, free of the table definitions, so that the
 * command line can offer them without loading the database layer.
 */

export const roles = ['admin', 'technician', 'viewer'] as const;
export type Role = (typeof roles)[number];

/** Why a person said a recall does not apply to a device (ECRI and RASMAS ask one). */
export const dismissalReasons = [
  'different_model',
  'different_lot_serial',
  'not_in_service',
  'not_ours',
  'other',
] as const;
export type DismissalReason = (typeof dismissalReasons)[number];

/** The fishbone's categories of contributing factors in a root-cause analysis. */
export const fishboneCategories = [
  'equipment',
  'people',
  'process',
  'environment',
  'materials',
  'management',
] as const;
