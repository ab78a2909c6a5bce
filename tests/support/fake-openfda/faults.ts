/**
 * Injected failures, so client retry, resume and staleness logic can be tested against the fake:
 * gateway 429s, server 500s, slow answers, dropped connections, truncated bodies and an old
 * meta.last_updated. Each fault fires on the next `times` matching requests, on `every` Nth one, or
 * with a seeded `probability`, so runs are repeatable.
 */
import { z } from 'zod';
import { ENDPOINTS, type Endpoint } from './fields';

/**
 * '404': openFDA's "No matches found!" although the query has hits (seen part-way through long
 * pagings); 'html': a 200 carrying an HTML page (a proxy's or portal's); '502': a gateway's HTML
 * error page; 'nolink': a page without its Link, so the paging stops short of the query's total.
 */
export const FAULT_KINDS = [
  '429',
  '500',
  '502',
  '404',
  'html',
  'nolink',
  'slow',
  'drop',
  'truncate',
  'stale',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

const faultSpecSchema = z.strictObject({
  kind: z.preprocess((v) => (typeof v === 'number' ? String(v) : v), z.enum(FAULT_KINDS)),
  /** Only requests to this endpoint (recall, event, …) count. */
  endpoint: z.enum(ENDPOINTS).optional(),
  /** Fire on the next N matching requests, then retire. */
  times: z.number().int().positive().optional(),
  /** Fire on every Nth matching request. */
  every: z.number().int().positive().optional(),
  /** Fire with this probability (0..1), from a PRNG seeded with `seed`. */
  probability: z.number().min(0).max(1).optional(),
  seed: z.number().int().optional(),
  /** 429: the Retry-After header, in seconds (default 1). */
  retryAfterSeconds: z.number().int().nonnegative().optional(),
  /** slow: the delay before answering, in ms (default 1000). */
  delayMs: z.number().int().nonnegative().optional(),
  /** stale: the meta.last_updated to report (default a week before the real one). */
  lastUpdated: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
});

export type FaultSpec = z.infer<typeof faultSpecSchema>;
export type FaultInput = z.input<typeof faultSpecSchema>;

/** What the faults decided for one request. */
export interface FaultOutcome {
  /** The first of 429/500/drop/truncate that fired, if any. */
  failure?: FaultSpec;
  /** Total delay of the `slow` faults that fired. */
  delayMs: number;
  /** The `stale` fault that fired, if any. */
  stale?: FaultSpec;
}

interface ActiveFault {
  spec: FaultSpec;
  seen: number;
  fired: number;
  random: () => number;
}

// mulberry32: tiny, seeded, good enough to make "probability" faults repeatable.
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Validates fault specs (one or a list), e.g. from the JSON body of POST /_fake/faults. */
export function parseFaultSpecs(input: unknown): FaultSpec[] {
  return (Array.isArray(input) ? input : [input]).map((item) => faultSpecSchema.parse(item));
}

/** A switchable set of faults; the server asks it once per API request. */
export function createFaults() {
  let active: ActiveFault[] = [];
  return {
    /** Adds faults; they apply from the next request. Throws on an invalid spec. */
    inject(specs: FaultInput | FaultInput[]): void {
      for (const spec of parseFaultSpecs(specs)) {
        active.push({ spec, seen: 0, fired: 0, random: seededRandom(spec.seed ?? 1) });
      }
    },
    /** Removes every fault. */
    clear(): void {
      active = [];
    },
    /** The faults still active, with how many matching requests each has seen and fired on. */
    list(): (FaultSpec & { seen: number; fired: number })[] {
      return active.map(({ spec, seen, fired }) => ({ ...spec, seen, fired }));
    },
    /** Decides the faults for one request to `endpoint`, advancing their counters. */
    next(endpoint: Endpoint): FaultOutcome {
      const outcome: FaultOutcome = { delayMs: 0 };
      for (const fault of active) {
        const { spec } = fault;
        if (spec.endpoint && spec.endpoint !== endpoint) continue;
        fault.seen++;
        if (spec.every && fault.seen % spec.every !== 0) continue;
        if (spec.probability !== undefined && fault.random() >= spec.probability) continue;
        if (spec.times !== undefined && fault.fired >= spec.times) continue;
        fault.fired++;
        if (spec.kind === 'slow') outcome.delayMs += spec.delayMs ?? 1000;
        else if (spec.kind === 'stale') outcome.stale ??= spec;
        else outcome.failure ??= spec;
      }
      active = active.filter(({ spec, fired }) => spec.times === undefined || fired < spec.times);
      return outcome;
    },
  };
}

export type Faults = ReturnType<typeof createFaults>;
