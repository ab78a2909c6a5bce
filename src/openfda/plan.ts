import { shiftDays, toFeedDate } from './dates';
import type { Feed } from './feeds';
import type { Cursor } from './runs';
import { allOf, anyOf, exists, missing, phrase, range, sanitizeValue, wrapSearch } from './search';

/** One query a sync runs to the end of its pages. */
export type Unit = {
  /**
   * new: records posted since the cursor (or everything, on a full run), sorted by date so a page's
   * last date is a safe place to resume; undated: the few records with no date at all, which a
   * date sort cannot reach; open: records still open upstream; all: a feed pulled whole.
   */
  phase: 'new' | 'undated' | 'open' | 'all';
  /** The cursor scopes this query advances. */
  scopes: string[];
  search: string | undefined;
  sort: string | undefined;
};

export type Plan = { full: boolean; units: Unit[]; note?: string };

/** A MAUDE slice Vigil follows: a product code or a manufacturer the hospital owns. */
export type Scope = { scope: string; clause: string | null };

export type PlanInput = {
  feed: Feed;
  cursors: Map<string, Cursor>;
  today: string;
  full: boolean;
  repullDays: number;
  /** When the last full run finished, and how old it may get before the next run is full again. */
  lastFullAt: string | null;
  fullReconcileDays: number;
  maude?: { scopes: Scope[]; windowStart: string };
};

/** Scopes of a single-cursor feed. */
const whole = '';

/** How many MAUDE scopes go into one OR query; keeps URLs well under common 8 KB limits. */
const scopesPerQuery = 20;

/** What a sync of one feed will ask openFDA, from where each cursor stands. Pure. */
export function planSync(input: PlanInput): Plan {
  const { feed } = input;
  if (!feed.dateField)
    return { full: true, units: [{ phase: 'all', scopes: [whole], search: undefined, sort: undefined }] };
  if (input.maude) return planMaude(input, feed.dateField, input.maude);

  const dateField = feed.dateField;
  const cursor = input.cursors.get(whole);
  const reconcileDue =
    input.fullReconcileDays > 0 &&
    (!input.lastFullAt || input.lastFullAt.slice(0, 10) <= shiftDays(input.today, input.fullReconcileDays));
  const resumingFull = cursor?.resumePhase === 'full' && cursor.resumeFrom !== null;
  const full = input.full || !cursor?.highWater || resumingFull || reconcileDue;
  const sort = `${dateField}:asc`;

  if (full) {
    const from = resumingFull
      ? range(dateField, toFeedDate(cursor.resumeFrom!, feed.dateStyle))
      : exists(dateField);
    return {
      full: true,
      units: [
        { phase: 'new', scopes: [whole], search: wrapSearch(from), sort },
        { phase: 'undated', scopes: [whole], search: wrapSearch(missing(dateField)), sort: undefined },
      ],
    };
  }
  const from =
    cursor.resumePhase === 'new' && cursor.resumeFrom
      ? cursor.resumeFrom
      : shiftDays(cursor.highWater!, input.repullDays);
  const units: Unit[] = [
    {
      phase: 'new',
      scopes: [whole],
      search: wrapSearch(range(dateField, toFeedDate(from, feed.dateStyle))),
      sort,
    },
  ];
  if (feed.openSearch)
    units.push({ phase: 'open', scopes: [whole], search: wrapSearch(feed.openSearch), sort: undefined });
  return { full: false, units };
}

function planMaude(input: PlanInput, dateField: string, maude: NonNullable<PlanInput['maude']>): Plan {
  if (maude.scopes.length === 0) {
    return {
      full: input.full,
      units: [],
      note: 'no product codes or manufacturers to follow yet: add inventory, set VIGIL_MAUDE_PRODUCT_CODES or VIGIL_MAUDE_MANUFACTURERS, or VIGIL_MAUDE_SCOPE=all',
    };
  }
  const byStart = new Map<string, Scope[]>();
  // A full run that was cut off carries on from its last saved page, as the other feeds' do,
  // whether the next run is asked to be full or not: it stays full until it has finished.
  let resumingFull = false;
  for (const scope of maude.scopes) {
    const cursor = input.cursors.get(scope.scope);
    let from = maude.windowStart;
    if (cursor?.resumePhase === 'full' && cursor.resumeFrom) {
      from = cursor.resumeFrom;
      resumingFull = true;
    } else if (!input.full && cursor?.resumePhase === 'new' && cursor.resumeFrom) from = cursor.resumeFrom;
    else if (!input.full && cursor?.highWater) from = shiftDays(cursor.highWater, input.repullDays);
    if (from < maude.windowStart) from = maude.windowStart;
    byStart.set(from, [...(byStart.get(from) ?? []), scope]);
  }
  const units: Unit[] = [];
  for (const [from, scopes] of [...byStart].sort(([a], [b]) => a.localeCompare(b))) {
    for (let i = 0; i < scopes.length; i += scopesPerQuery) {
      const chunk = scopes.slice(i, i + scopesPerQuery);
      const clauses = chunk.flatMap((s) => (s.clause ? [s.clause] : []));
      const window = range(dateField, toFeedDate(from, input.feed.dateStyle));
      units.push({
        phase: 'new',
        scopes: chunk.map((s) => s.scope),
        search: wrapSearch(clauses.length > 0 ? allOf([anyOf(clauses), window]) : window),
        sort: `${dateField}:asc`,
      });
    }
  }
  return { full: input.full || resumingFull, units };
}

/** The MAUDE slices to follow: everything, or the product codes and manufacturers given. */
export function maudeScopes(
  mode: 'followed' | 'all',
  productCodes: string[],
  manufacturers: string[],
): Scope[] {
  if (mode === 'all') return [{ scope: 'all', clause: null }];
  const codes = [...new Set(productCodes.map((c) => c.trim().toUpperCase()).filter(Boolean))];
  // A name with nothing searchable left (only symbols) cannot be asked for; it is dropped.
  const firms = [...new Set(manufacturers.map((m) => m.trim()).filter((m) => sanitizeValue(m) !== ''))];
  return [
    ...codes.map((code) => ({
      scope: `product_code:${code}`,
      clause: phrase('device.device_report_product_code.exact', code),
    })),
    ...firms.map((firm) => ({
      scope: `manufacturer:${firm.toLowerCase()}`,
      clause: phrase('device.manufacturer_d_name', firm),
    })),
  ];
}

/** Batches of keys as exact-match searches, to re-check local open records one batch at a time. */
export function keyBatches(exactKey: string, keys: string[], size = 50): string[] {
  const batches: string[] = [];
  for (let i = 0; i < keys.length; i += size) {
    batches.push(wrapSearch(anyOf(keys.slice(i, i + size).map((k) => phrase(exactKey, k)))));
  }
  return batches;
}
