import { isIP } from 'node:net';
import path from 'node:path';
import { Cron } from 'croner';
import { z } from 'zod';
import { isTimeZone, serverZone } from './shared/clock';
import { projectRoot } from './shared/paths';

/** The project root: the default database lives in its data/ folder whatever the working directory. */
export { projectRoot } from './shared/paths';

/**
 * Relative paths a user types are relative to where they typed them. `npm run` moves the working
 * directory to the project root and leaves the original in INIT_CWD.
 */
export function resolveUserPath(p: string, env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(env.INIT_CWD ?? process.cwd(), p);
}

const list = z
  .string()
  .transform((s) =>
    s
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.string()));

const flag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'], { message: 'expected true or false' })
  .transform((v) => ['true', '1', 'yes', 'on'].includes(v));

const integer = (min: number, max: number) =>
  z.coerce
    .number({ message: `expected a whole number from ${min} to ${max}` })
    .int({ message: `expected a whole number from ${min} to ${max}` })
    .min(min, { message: `expected a whole number from ${min} to ${max}` })
    .max(max, { message: `expected a whole number from ${min} to ${max}` });

const cron = z.string().refine(
  (s) => {
    if (s === 'off') return true;
    try {
      new Cron(s, { paused: true }).stop();
      return true;
    } catch {
      return false;
    }
  },
  { message: 'expected a cron expression such as "0 3 * * *", or "off"' },
);

const httpUrl = z
  .url({ message: 'expected an http(s) URL such as https://api.fda.gov' })
  .refine((u) => /^https?:\/\//.test(u), { message: 'expected an http(s) URL such as https://api.fda.gov' })
  .transform((u) => u.replace(/\/+$/, ''));

/** Days to close a recall case, by the recall's class (21 CFR 7.3: Class I is the most serious). */
export type DueDays = { I: number; II: number; III: number; unclassified: number };
const defaultDueDays: DueDays = { I: 2, II: 7, III: 30, unclassified: 7 };
const dueDays = z.string().transform((s, ctx) => {
  const message = 'expected days per class, such as "I=2,II=7,III=30,unclassified=7"';
  const days: DueDays = { ...defaultDueDays };
  for (const part of s.split(',')) {
    const m = /^\s*(I|II|III|unclassified)\s*=\s*(\d{1,3})\s*$/i.exec(part);
    if (!m) {
      ctx.addIssue({ code: 'custom', message });
      return z.NEVER;
    }
    const key =
      m[1]!.toLowerCase() === 'unclassified' ? 'unclassified' : (m[1]!.toUpperCase() as 'I' | 'II' | 'III');
    days[key] = Number(m[2]);
  }
  return days;
});

/** Where Vigil hears of recalls: openFDA, and the early sources (src/sources/). */
const allSources = ['openfda', 'health-canada', 'fda-rss', 'mhra'] as const;
export type EarlySourceName = Exclude<(typeof allSources)[number], 'openfda'>;

/** Every setting Vigil reads, with its default. The README's configuration table mirrors this. */
const schema = z.object({
  VIGIL_DB: z.string().min(1, { message: 'expected a file path' }).optional(),
  PORT: integer(1, 65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  OPENFDA_BASE_URL: httpUrl.default('https://api.fda.gov'),
  OPENFDA_API_KEY: z.string().optional(),
  OPENFDA_TIMEOUT_SECONDS: integer(1, 600).default(60),
  OPENFDA_MAX_RETRIES: integer(0, 20).default(6),
  OPENFDA_REQUESTS_PER_MINUTE: integer(1, 240).default(240),
  OPENFDA_PAGE_SIZE: integer(1, 1000).default(1000),
  VIGIL_MAX_RECORD_MB: integer(1, 100).default(1),
  VIGIL_SYNC_SCHEDULE: cron.default('0 3 * * *'),
  VIGIL_SYNC_ON_START: flag.default(true),
  VIGIL_SYNC_RETRY_MINUTES: integer(1, 1440).default(15),
  VIGIL_REPULL_DAYS: integer(0, 3650).default(90),
  VIGIL_FULL_RECONCILE_DAYS: integer(0, 365).default(7),
  VIGIL_MAUDE_SCOPE: z
    .enum(['followed', 'all'], { message: 'expected "followed" or "all"' })
    .default('followed'),
  VIGIL_MAUDE_YEARS: integer(1, 50).default(5),
  VIGIL_MAUDE_PRODUCT_CODES: list.default([]),
  VIGIL_MAUDE_MANUFACTURERS: list.default([]),
  VIGIL_SOURCES: list
    .transform((names) => names.filter((n) => n !== 'none'))
    .refine((names) => names.every((n) => (allSources as readonly string[]).includes(n)), {
      message: `expected a comma-separated list of ${allSources.join(', ')} (or "none")`,
    })
    .default([...allSources]),
  VIGIL_HEALTH_CANADA_URL: httpUrl.default('https://recalls-rappels.canada.ca'),
  VIGIL_FDA_URL: httpUrl.default('https://www.fda.gov'),
  VIGIL_GOVUK_URL: httpUrl.default('https://www.gov.uk'),
  VIGIL_EARLY_DAYS: integer(7, 3650).default(365),
  VIGIL_SOURCE_REQUESTS_PER_MINUTE: integer(1, 6000).default(30),
  VIGIL_PUBLIC_URL: httpUrl.optional(),
  VIGIL_TRUST_PROXY: z
    .string()
    .transform((s) => (/^(off|false|no|0)$/i.test(s.trim()) ? '' : s))
    .pipe(list)
    .pipe(
      z.array(
        z.string().refine((a) => isIP(a) !== 0, {
          message: 'expected the IP addresses of your reverse proxies, such as 127.0.0.1, or "off"',
        }),
      ),
    )
    .default([]),
  VIGIL_SESSION_IDLE_MINUTES: integer(5, 7 * 24 * 60).default(480),
  VIGIL_SESSION_MAX_HOURS: integer(1, 24 * 90).default(168),
  VIGIL_EVIDENCE_DIR: z.string().min(1, { message: 'expected a folder path' }).optional(),
  VIGIL_EVIDENCE_MAX_MB: integer(1, 1024).default(25),
  VIGIL_DUE_DAYS: dueDays.default(defaultDueDays),
  VIGIL_SMTP_URL: z
    .url({ message: 'expected an smtp:// or smtps:// URL such as smtp://mail.example.org:25' })
    .refine((u) => /^smtps?:\/\//.test(u), {
      message: 'expected an smtp:// or smtps:// URL such as smtp://mail.example.org:25',
    })
    .optional(),
  VIGIL_MAIL_FROM: z.email({ message: 'expected an email address' }).default('vigil@localhost'),
  VIGIL_DIGEST_TO: list
    .pipe(z.array(z.email({ message: 'expected email addresses separated by commas' })))
    .default([]),
  VIGIL_DIGEST_SCHEDULE: cron.default('0 7 * * *'),
  VIGIL_TIME_ZONE: z
    .string()
    .refine(isTimeZone, { message: 'expected a time zone such as America/New_York or Europe/London' })
    .optional(),
});

export type Config = {
  dbPath: string;
  port: number;
  host: string;
  openFda: {
    baseUrl: string;
    apiKey: string | undefined;
    timeoutMs: number;
    maxRetries: number;
    requestsPerMinute: number;
    pageSize: number;
    /** A bulk-file record larger than this is refused with its key. */
    maxRecordBytes: number;
  };
  sync: {
    schedule: string | null;
    onStart: boolean;
    retryMinutes: number;
    repullDays: number;
    fullReconcileDays: number;
  };
  /** Which sources are read: openFDA's feeds, and the early sources, each with its address. */
  sources: {
    openFda: boolean;
    early: EarlySourceName[];
    urls: { healthCanada: string; fda: string; govUk: string };
    days: number;
    /** Requests a minute to one early source: its pages are read one at a time, politely. */
    requestsPerMinute: number;
  };
  maude: {
    scope: 'followed' | 'all';
    years: number;
    productCodes: string[];
    manufacturers: string[];
  };
  /** Where links in feeds and emails point: how people reach this server. */
  publicUrl: string;
  /** Reverse proxies in front of Vigil, whose X-Forwarded-For names the client; none by default. */
  trustProxy: string[];
  session: { idleMinutes: number; maxHours: number; secureCookies: boolean };
  evidence: { dir: string; maxBytes: number };
  dueDays: DueDays;
  mail: { smtpUrl: string | null; from: string; digestTo: string[]; digestSchedule: string | null };
  /** The facility's time zone: the days people see and type are its days. */
  timeZone: string;
};

export class ConfigError extends Error {}

/** Reads the environment once, at start; a bad value stops start-up naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const present = Object.fromEntries(
    Object.keys(schema.shape)
      .filter((key) => env[key] !== undefined && env[key] !== '')
      .map((key) => [key, env[key]]),
  );
  const parsed = schema.safeParse(present);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = String(issue.path[0]);
    throw new ConfigError(`${name}=${JSON.stringify(env[name])} is not valid: ${issue.message}`);
  }
  const e = parsed.data;
  const host = e.HOST.includes(':') ? `[${e.HOST}]` : e.HOST;
  const publicUrl = e.VIGIL_PUBLIC_URL ?? `http://${host === '0.0.0.0' ? 'localhost' : host}:${e.PORT}`;
  return {
    dbPath: e.VIGIL_DB ? resolveUserPath(e.VIGIL_DB, env) : path.join(projectRoot, 'data', 'vigil.db'),
    port: e.PORT,
    host: e.HOST,
    openFda: {
      baseUrl: e.OPENFDA_BASE_URL,
      apiKey: e.OPENFDA_API_KEY,
      timeoutMs: e.OPENFDA_TIMEOUT_SECONDS * 1000,
      maxRetries: e.OPENFDA_MAX_RETRIES,
      requestsPerMinute: e.OPENFDA_REQUESTS_PER_MINUTE,
      pageSize: e.OPENFDA_PAGE_SIZE,
      maxRecordBytes: e.VIGIL_MAX_RECORD_MB * 1024 * 1024,
    },
    sync: {
      schedule: e.VIGIL_SYNC_SCHEDULE === 'off' ? null : e.VIGIL_SYNC_SCHEDULE,
      onStart: e.VIGIL_SYNC_ON_START,
      retryMinutes: e.VIGIL_SYNC_RETRY_MINUTES,
      repullDays: e.VIGIL_REPULL_DAYS,
      fullReconcileDays: e.VIGIL_FULL_RECONCILE_DAYS,
    },
    sources: {
      openFda: e.VIGIL_SOURCES.includes('openfda'),
      early: allSources.filter((s): s is EarlySourceName => s !== 'openfda' && e.VIGIL_SOURCES.includes(s)),
      urls: {
        healthCanada: e.VIGIL_HEALTH_CANADA_URL,
        fda: e.VIGIL_FDA_URL,
        govUk: e.VIGIL_GOVUK_URL,
      },
      days: e.VIGIL_EARLY_DAYS,
      requestsPerMinute: e.VIGIL_SOURCE_REQUESTS_PER_MINUTE,
    },
    maude: {
      scope: e.VIGIL_MAUDE_SCOPE,
      years: e.VIGIL_MAUDE_YEARS,
      productCodes: e.VIGIL_MAUDE_PRODUCT_CODES.map((c) => c.toUpperCase()),
      manufacturers: e.VIGIL_MAUDE_MANUFACTURERS,
    },
    publicUrl,
    trustProxy: e.VIGIL_TRUST_PROXY,
    session: {
      idleMinutes: e.VIGIL_SESSION_IDLE_MINUTES,
      maxHours: e.VIGIL_SESSION_MAX_HOURS,
      secureCookies: publicUrl.startsWith('https://'),
    },
    evidence: {
      dir: e.VIGIL_EVIDENCE_DIR
        ? resolveUserPath(e.VIGIL_EVIDENCE_DIR, env)
        : path.join(projectRoot, 'data', 'evidence'),
      maxBytes: e.VIGIL_EVIDENCE_MAX_MB * 1024 * 1024,
    },
    dueDays: e.VIGIL_DUE_DAYS,
    mail: {
      smtpUrl: e.VIGIL_SMTP_URL ?? null,
      from: e.VIGIL_MAIL_FROM,
      digestTo: e.VIGIL_DIGEST_TO,
      digestSchedule: e.VIGIL_DIGEST_SCHEDULE === 'off' ? null : e.VIGIL_DIGEST_SCHEDULE,
    },
    timeZone: e.VIGIL_TIME_ZONE ?? serverZone(),
  };
}
