import { z } from 'zod';

/**
 * Calendar days as people type and read them: `YYYY-MM-DD`. One definition of what a real day
 * is, and of a form's day field that may be left empty, for every feature.
 */

/** Whether `s` is a day that exists, written YYYY-MM-DD (2026-02-30 is not). */
export function isCalendarDay(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  // A month past 12 makes no date at all, and an invalid Date throws from toISOString.
  const date = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(s);
}

const dayMessage = (label: string) => `${label} is not a date: write it as YYYY-MM-DD, such as 2026-01-31`;

/** A required day field. */
export const dayField = (label: string) =>
  z
    .string({ message: `give ${label}` })
    .trim()
    .min(1, `give ${label}`)
    .refine(isCalendarDay, { message: dayMessage(label) });

/**
 * A day field that may be left empty: browsers send an empty field as "", which means "not
 * given", never a day to check.
 */
export const optionalDay = (label: string) =>
  z
    .string()
    .trim()
    .optional()
    .transform((s) => s || undefined)
    .refine((s) => s === undefined || isCalendarDay(s), { message: dayMessage(label) });
