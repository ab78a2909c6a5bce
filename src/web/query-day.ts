import { z } from 'zod';
import { isCalendarDay } from '../incidents/calendar';

/** A date field of a query: a real calendar day written YYYY-MM-DD, or nothing (left empty). */
export const optionalDay = (label: string) =>
  z
    .string()
    .trim()
    .optional()
    .refine((s) => !s || isCalendarDay(s), {
      message: `${label} is not a date: write it as YYYY-MM-DD, such as 2026-01-31`,
    });
