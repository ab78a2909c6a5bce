import { eq } from 'drizzle-orm';
import { earlyNotices } from '../db/schema';
import { enrichFdaAlert, readFdaAlertPage, readFdaRss } from './fda-rss';
import { SourceError } from './fetch';
import { enrichHealthCanada, readHealthCanadaFile, readHealthCanadaPage } from './health-canada';
import { isDeviceAlert, mhraKeyOf, readMhraContent, readMhraSearch } from './mhra';
import type { EarlyNotice, ReadNotices, SourceName } from './notice';
import { sourceStateOf } from './store';
import type { SourceDeps } from './sync';

/** Where each source's list lives, under its configured address. */
export const listPaths = {
  healthCanada: '/sites/default/files/opendata-donneesouvertes/HCRSAMOpenData.json',
  fdaRss: '/about-fda/contact-fda/stay-informed/rss-feeds/medical-device-recalls/rss.xml',
  mhraSearch: '/api/search.json',
  mhraContent: '/api/content',
};

export type Listed =
  | { kind: 'unchanged' }
  | {
      kind: 'read';
      read: ReadNotices;
      /** What to keep for the next read: the file's validators, the newest day read. */
      state: { etag?: string | null; lastModified?: string | null; highWater?: string | null };
      /** The list itself gave the whole notice (MHRA's content items): no page left to read. */
      pagesRead: boolean;
    };

/** A notice's page read into the notice, per source; none where the list holds it all. */
export const pageReaders: Partial<Record<SourceName, (notice: EarlyNotice, html: string) => EarlyNotice>> = {
  'health-canada': (notice, html) => enrichHealthCanada(notice, readHealthCanadaPage(html)),
  'fda-rss': (notice, html) =>
    enrichFdaAlert(
      notice,
      readFdaAlertPage(html, Number((notice.noticeDate ?? '').slice(0, 4)) || undefined),
    ),
};

function parseJson(body: string, what: string): unknown {
  try {
    return JSON.parse(body);
  } catch (error) {
    throw new SourceError(
      `${what} is not JSON (${(error as Error).message}); the notices already stored are kept and the next sync tries again`,
    );
  }
}

/** Reads a source's list of notices, asking only for what changed where the source allows. */
export async function readList(
  deps: SourceDeps,
  name: SourceName,
  since: string,
  signal?: AbortSignal,
): Promise<Listed> {
  const { urls } = deps.settings;
  const held = sourceStateOf(deps.db, name);
  const validators = { etag: held?.etag ?? null, lastModified: held?.lastModified ?? null };
  if (name === 'health-canada' || name === 'fda-rss') {
    const url =
      name === 'health-canada'
        ? `${urls.healthCanada}${listPaths.healthCanada}`
        : `${urls.fda}${listPaths.fdaRss}`;
    const fetched = await deps.fetcher.get(url, { since: validators, signal });
    if (fetched.status === 'unchanged') return { kind: 'unchanged' };
    if (fetched.status === 'not-found')
      throw new SourceError(`${url} was not found (HTTP 404); check the address set for this source`);
    const read =
      name === 'health-canada'
        ? readHealthCanadaFile(parseJson(fetched.body, 'The Health Canada file'))
        : readFdaRss(fetched.body);
    return {
      kind: 'read',
      read,
      state: { etag: fetched.etag, lastModified: fetched.lastModified },
      pagesRead: false,
    };
  }
  return readMhra(deps, since, signal);
}

/**
 * MHRA: the GOV.UK search, newest first, from the first day still early, a page of 100 at a time;
 * each device alert not held, or changed since, is read whole from the content API.
 */
async function readMhra(deps: SourceDeps, since: string, signal?: AbortSignal): Promise<Listed> {
  const base = deps.settings.urls.govUk;
  const notices: EarlyNotice[] = [];
  const rejects: ReadNotices['rejects'] = [];
  let newest: string | null = null;
  const count = 100;
  for (let start = 0; ; start += count) {
    const query = new URLSearchParams({
      filter_format: 'medical_safety_alert',
      order: '-public_timestamp',
      count: String(count),
      start: String(start),
      fields: 'title,link,description,public_timestamp,alert_type,issued_date',
      filter_public_timestamp: `from:${since}`,
    });
    const url = `${base}${listPaths.mhraSearch}?${query}`;
    const fetched = await deps.fetcher.get(url, { signal });
    if (fetched.status !== 'ok') throw new SourceError(`${url} was not found; check VIGIL_GOVUK_URL`);
    const page = readMhraSearch(parseJson(fetched.body, 'The GOV.UK search answer'));
    for (const result of page.results) {
      const day = result.publicTimestamp?.slice(0, 10) ?? null;
      if (day && (!newest || day > newest)) newest = day;
      if (!isDeviceAlert(result.alertType)) continue;
      const key = mhraKeyOf(result.link);
      const held = deps.db
        .select({ updated: earlyNotices.sourceUpdated })
        .from(earlyNotices)
        .where(eq(earlyNotices.noticeKey, key))
        .get();
      if (held && held.updated === result.publicTimestamp) continue;
      const content = await deps.fetcher.get(`${base}${listPaths.mhraContent}${result.link}`, { signal });
      if (content.status !== 'ok') {
        rejects.push({ key, reason: `its content item could not be read (${content.status})`, raw: result });
        continue;
      }
      try {
        notices.push(readMhraContent(parseJson(content.body, `The GOV.UK content item ${result.link}`)));
      } catch (error) {
        rejects.push({ key, reason: (error as Error).message, raw: result });
      }
    }
    if (page.results.length < count || start + count >= page.total) break;
  }
  return { kind: 'read', read: { notices, rejects }, state: { highWater: newest }, pagesRead: true };
}
