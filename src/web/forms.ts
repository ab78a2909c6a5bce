import { zValidator } from '@hono/zod-validator';
import type { Context } from 'hono';
import { z } from 'zod';
import type { AppEnv } from './env';
import { asSentence } from './text';

/**
 * Forms at the edge: every form a page posts is read and checked here with a zod schema, before
 * a route does anything. Browsers send every field of a form, an empty one as ""; a field the
 * form does not have arrives as nothing. Both are "not given" to the schemas built from these.
 */

/** A text field: trimmed, "" when empty or absent, at most `max` characters. */
export const textField = (max = 2000, label = 'this field') =>
  z
    .string()
    .optional()
    .transform((s) => (s ?? '').trim())
    .pipe(z.string().max(max, `${label} can have at most ${max.toLocaleString('en-US')} characters`));

/** Text kept exactly as typed, "" when absent: a password, where a space is part of it. */
export const exactField = (max = 1000) =>
  z
    .string()
    .optional()
    .transform((s) => s ?? '')
    .pipe(z.string().max(max, `a password can have at most ${max.toLocaleString('en-US')} characters`));

/** A form of text fields only, each as textField reads it. */
export const textFields = <const K extends string>(...names: K[]) =>
  z.object(
    Object.fromEntries(names.map((name) => [name, textField()])) as Record<K, ReturnType<typeof textField>>,
  );

/** A choice among fixed values; "" or absent fails with `message`. */
export const choiceField = <const T extends readonly [string, ...string[]]>(values: T, message: string) =>
  z.enum(values, { message });

/** Boxes ticked under one name: none, one (a string) or several (an array), always as a list. */
export const tickedField = () =>
  z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]).filter((s) => s !== ''));

/** The form's fields as typed, to show again in a form that comes back with its errors. */
export function typedOf(data: unknown): Record<string, string> {
  if (!data || typeof data !== 'object') return {};
  const typed: Record<string, string> = {};
  for (const [name, value] of Object.entries(data as Record<string, unknown>)) {
    if (name === '_csrf') continue;
    const texts = (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');
    // Boxes ticked under one name are kept joined by commas.
    if (texts.length > 0) typed[name] = texts.join(',');
  }
  return typed;
}

/** The first thing wrong with a form, as a sentence a person can act on. */
export const firstProblem = (error: { issues: readonly { message: string }[] }) =>
  asSentence(error.issues[0]?.message ?? 'the form is not complete');

/**
 * Checks a posted form with `schema`; when it fails, `refused` answers (the page or fragment again,
 * with the reason and what was typed, status 422) and the route never runs.
 */
export function validForm<T extends z.ZodType>(
  schema: T,
  refused: (
    c: Context<AppEnv>,
    problem: string,
    typed: Record<string, string>,
  ) => Response | Promise<Response>,
) {
  return zValidator('form', schema, async (result, c) => {
    if (result.success) return;
    c.status(422);
    return refused(c as unknown as Context<AppEnv>, firstProblem(result.error), typedOf(result.data));
  });
}
