/**
 * MHRA alerts on GOV.UK: the Search API list of `medical_safety_alert` documents and the Content
 * API item of one alert (title, description, HTML body with the device table, issued date).
 * Medicines recalls share the format and are told apart by `alert_type`. Pure: the caller
 * downloads, this reads.
 */
import { z } from 'zod';
import type { EarlyNotice, NoticeReject } from './notice';
import {
  cleanOrNull,
  cleanText,
  distinct,
  htmlLines,
  htmlTables,
  lastPathSegment,
  parseDay,
  slug,
} from './text';

/** Alert types about devices, current and retired; the medicines ones are left out. */
const deviceAlertTypes: Record<string, string> = {
  'device-safety-information': 'Device safety information',
  'national-patient-safety': 'National patient safety alert',
  'field-safety-notices': 'Field safety notice',
  'medical-device-alert': 'Medical device alert',
  devices: 'Medical device alert',
};

const alertTypeField = z
  .union([z.string(), z.array(z.string())])
  .nullish()
  .transform((value) => (value == null ? [] : Array.isArray(value) ? value : [value]));

export function isDeviceAlert(alertTypes: readonly string[] | string): boolean {
  const list = typeof alertTypes === 'string' ? [alertTypes] : alertTypes;
  return list.some((type) => type in deviceAlertTypes);
}

const searchResult = z.object({
  link: z.string().min(1),
  title: z.string().nullish(),
  description: z.string().nullish(),
  public_timestamp: z.string().nullish(),
  alert_type: alertTypeField,
  issued_date: z.string().nullish(),
});

const searchResponse = z.object({ results: z.array(z.unknown()), total: z.number().int().nonnegative() });

export type MhraSearchResult = {
  link: string;
  title: string;
  description: string | null;
  publicTimestamp: string | null;
  alertType: string[];
  issuedDate: string | null;
};

/**
 * One page of Search API results. A response without `results` and `total` throws; a result
 * without a link cannot be fetched and is returned among the rejects.
 */
export function readMhraSearch(json: unknown): {
  results: MhraSearchResult[];
  total: number;
  rejects: NoticeReject[];
} {
  const page = searchResponse.safeParse(json);
  if (!page.success) {
    throw new Error(
      'the GOV.UK search response should be an object with a results array and a numeric total',
    );
  }
  const results: MhraSearchResult[] = [];
  const rejects: NoticeReject[] = [];
  for (const raw of page.data.results) {
    const read = searchResult.safeParse(raw);
    if (!read.success) {
      rejects.push({ key: null, reason: 'the search result has no link', raw });
      continue;
    }
    const r = read.data;
    results.push({
      link: r.link,
      title: cleanText(r.title),
      description: cleanOrNull(r.description),
      publicTimestamp: r.public_timestamp ?? null,
      alertType: r.alert_type,
      issuedDate: parseDay(r.issued_date),
    });
  }
  return { results, total: page.data.total, rejects };
}

const contentItem = z.object({
  base_path: z.string().min(1),
  title: z.string().min(1),
  description: z.string().nullish(),
  public_updated_at: z.string().nullish(),
  first_published_at: z.string().nullish(),
  details: z
    .object({
      body: z.string().nullish(),
      metadata: z
        .object({
          alert_type: alertTypeField,
          issued_date: z.string().nullish(),
          medical_specialism: z.union([z.string(), z.array(z.string())]).nullish(),
        })
        .partial()
        .nullish(),
    })
    .nullish(),
});

const firmHeader = /^(manufacturer|legal manufacturer|company|firm|supplier)s?$/i;
const modelHeader =
  /^(models?|model numbers?|part|part numbers?|catalog(ue)? (numbers?|codes?)|ref(erence)?s?|product codes?)$/i;
const lotHeader = /^(lots?|lot numbers?|batch(es)?|batch numbers?|serial numbers?|lot or serial numbers?)$/i;
const productHeader = /^(product descriptions?|products?|device( names?)?|description)$/i;

type DeviceTable = { firms: string[]; models: string[]; lots: string[]; products: string[] };

function fromTables(body: string): DeviceTable {
  const found: DeviceTable = { firms: [], models: [], lots: [], products: [] };
  for (const rows of htmlTables(body)) {
    const head = (rows[0] ?? []).map((cell) => cleanText(cell));
    const column = (pattern: RegExp) => head.findIndex((cell) => pattern.test(cell));
    const columns: [keyof DeviceTable, number][] = [
      ['firms', column(firmHeader)],
      ['models', column(modelHeader)],
      ['lots', column(lotHeader)],
      ['products', column(productHeader)],
    ];
    for (const cells of rows.slice(1)) {
      for (const [name, at] of columns) {
        if (at >= 0) found[name].push(...(cells[at] ?? '').split('\n').map((value) => cleanText(value)));
      }
    }
  }
  return found;
}

function fromLines(lines: string[]) {
  let firm: string | null = null;
  const models: string[] = [];
  const lots: string[] = [];
  lines.forEach((line, index) => {
    const m = /^([^:]{2,40}?)\s*:\s*(.+)$/.exec(line);
    if (m && firmHeader.test(m[1]!) && !firm) firm = cleanText(m[2]);
    else if (m && modelHeader.test(m[1]!)) models.push(...m[2]!.split(/\s*[,;]\s*/));
    else if (m && lotHeader.test(m[1]!)) lots.push(...m[2]!.split(/\s*[,;]\s*/));
    // Older alerts name the firm first under "Manufacturer contacts".
    else if (/^manufacturer contacts?$/i.test(line) && !firm) firm = lines[index + 1] ?? null;
  });
  return { firm, models, lots };
}

// "TransWarmer infant transport mattress … - risk of serious burn": the part before the hazard.
function productOfTitle(title: string): string {
  const m = /^(.+?)(?:\s+[-–]|\s*:)\s+(risk|potential|possible|may|can|recall|update)\b/i.exec(title);
  return m ? m[1]! : title;
}

/** One alert from the Content API (`/api/content/drug-device-alerts/<slug>`). */
/** Vigil's key for an MHRA alert, from its GOV.UK path: the search's link and the item's base path. */
export const mhraKeyOf = (path: string) => `MHRA-${slug(lastPathSegment(path))}`;

export function readMhraContent(json: unknown): EarlyNotice {
  const parsed = contentItem.safeParse(json);
  if (!parsed.success) {
    throw new Error('the GOV.UK content item should be an object with a base_path and a title');
  }
  const item = parsed.data;
  const body = item.details?.body ?? '';
  const metadata = item.details?.metadata ?? {};
  const table = fromTables(body);
  const lines = fromLines(htmlLines(body, { skipTables: true }));
  const title = cleanText(item.title);
  const alertTypes = metadata.alert_type ?? [];
  const specialisms = metadata.medical_specialism;
  const firm = distinct(table.firms)[0] ?? lines.firm;
  return {
    key: mhraKeyOf(item.base_path),
    source: 'mhra',
    sourceId: item.base_path,
    url: `https://www.gov.uk${item.base_path}`,
    title,
    firm: firm ? cleanText(firm) : null,
    product: distinct([productOfTitle(title), ...table.products]).join('; '),
    models: distinct([...table.models, ...lines.models].map((value) => cleanText(value))),
    lots: distinct([...table.lots, ...lines.lots].map((value) => cleanText(value))),
    udiDis: [],
    sourceClass:
      alertTypes.map((type) => deviceAlertTypes[type]).find((label) => label) ?? alertTypes[0] ?? null,
    issue: cleanOrNull(item.description),
    category: specialisms ? cleanOrNull([specialisms].flat().join(', ')) : null,
    noticeDate:
      parseDay(metadata.issued_date) ?? parseDay(item.first_published_at) ?? parseDay(item.public_updated_at),
    sourceUpdated: item.public_updated_at ?? null,
    raw: json,
  };
}
