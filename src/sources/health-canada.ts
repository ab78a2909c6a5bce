/**
 * Health Canada Recalls and Safety Alerts: the daily open-data file (every notice since the 1990s,
 * one JSON array, all values strings or null) and the recall page that alone names the
 * manufacturer, lots, models and the recall date. Pure: the caller downloads, this reads.
 */

import type { EarlyNotice, NoticeReject, ReadNotices } from './notice';
import { cleanOrNull, cleanText, distinct, htmlLines, htmlTables, parseDay } from './text';
import { withPage } from './with-page';

/** What a recall page adds to the file's row. */
export type HealthCanadaPage = {
  /** The manufacturer under "Companies"; null where the page says "Not Applicable" or names none. */
  firm: string | null;
  products: string[];
  models: string[];
  lots: string[];
  /** "Recall date" (older pages: "Starting date"). */
  recallDate: string | null;
  /** "Original published date" (older pages: "Posting date"). */
  publishedDate: string | null;
  /** One entry per row of the affected-products table, or per product block on older pages. */
  affected: { product: string | null; lots: string[]; models: string[] }[];
};

const deviceOrganization = 'medical devices';

function field(row: Record<string, unknown>, name: string): string | null {
  const value = row[name];
  return typeof value === 'string' || typeof value === 'number' ? String(value) : null;
}

// Devices and drugs share the "Type I–III" vocabulary; food uses "Class 1–3"; "" and "--" mean none.
function recallType(value: string | null): string | null {
  const text = cleanText(value);
  return /^type\s+i/i.test(text) ? text : null;
}

function isDeviceRow(row: Record<string, unknown>): boolean {
  // Recalls come from the "Medical devices" organisation; device advisories come from the
  // communications branch and say "Medical devices" in their category instead.
  return (
    cleanText(field(row, 'Organization')).toLowerCase() === deviceOrganization ||
    cleanText(field(row, 'Category')).toLowerCase() === deviceOrganization
  );
}

function noticeOf(row: Record<string, unknown>, nid: string): EarlyNotice | NoticeReject {
  const title = cleanText(field(row, 'Title')) || cleanText(field(row, 'Product'));
  if (title === '')
    return { key: `HC-${nid}`, reason: 'the row has neither a Title nor a Product', raw: row };
  const updated = parseDay(field(row, 'Last updated'));
  return {
    key: `HC-${nid}`,
    source: 'health-canada',
    sourceId: nid,
    url: cleanOrNull(field(row, 'URL')),
    title,
    firm: null,
    product: cleanText(field(row, 'Product')) || title,
    models: [],
    lots: [],
    udiDis: [],
    sourceClass: recallType(field(row, 'Recall class')),
    issue: cleanOrNull(field(row, 'Issue')),
    category: cleanOrNull(field(row, 'Category')),
    // The file has no recall or first-publication date; the page's recall date replaces this.
    noticeDate: updated,
    sourceUpdated: updated,
    raw: row,
  };
}

/**
 * The device notices of the open-data file: rows whose Organization or Category is "Medical
 * devices". Other rows (food, drugs, vehicles…) are skipped without comment; rows that cannot be
 * read (not an object, no NID, a NID seen before) are rejects.
 */
export function readHealthCanadaFile(json: unknown): ReadNotices {
  if (!Array.isArray(json)) {
    throw new Error(
      `the Health Canada open-data file should be a JSON array of notices, but it is ${json === null ? 'null' : typeof json}`,
    );
  }
  const notices: EarlyNotice[] = [];
  const rejects: NoticeReject[] = [];
  const seen = new Set<string>();
  json.forEach((row: unknown, index) => {
    if (row === null || typeof row !== 'object' || Array.isArray(row)) {
      rejects.push({ key: null, reason: `entry ${index} is not an object`, raw: row });
      return;
    }
    const record = row as Record<string, unknown>;
    const nid = cleanText(field(record, 'NID'));
    if (nid === '') {
      rejects.push({ key: null, reason: `entry ${index} has no NID`, raw: row });
      return;
    }
    if (!isDeviceRow(record)) return;
    if (seen.has(nid)) {
      rejects.push({ key: `HC-${nid}`, reason: `NID ${nid} appears twice; the first was kept`, raw: row });
      return;
    }
    seen.add(nid);
    const read = noticeOf(record, nid);
    if ('source' in read) notices.push(read);
    else rejects.push(read);
  });
  return { notices, rejects };
}

// Table cells and list values that say "every lot" or "ask the firm" rather than naming one.
function isPlaceholder(value: string): boolean {
  return (
    /^(all\b|not applicable\b|n\/?a\.?$|none\.?$|various\.?$|-+$)/i.test(value) ||
    /^more than \d+ numbers/i.test(value) ||
    /contact (the )?manufacturer/i.test(value)
  );
}

function values(cell: string): string[] {
  return cell
    .split('\n')
    .map((value) => cleanText(value))
    .filter((value) => value !== '' && !isPlaceholder(value));
}

const lotHeader = /^lots? or serial numbers?$/i;
const modelHeader = /^models? or catalog(ue)? numbers?$/i;
const productHeader = /^affected products?$/i;

function fromTables(html: string): HealthCanadaPage['affected'] {
  const affected: HealthCanadaPage['affected'] = [];
  for (const rows of htmlTables(html)) {
    const headAt = rows.findIndex((cells) => cells.some((cell) => lotHeader.test(cleanText(cell))));
    if (headAt < 0) continue;
    const head = rows[headAt]!.map((cell) => cleanText(cell));
    const lotAt = head.findIndex((cell) => lotHeader.test(cell));
    const modelAt = head.findIndex((cell) => modelHeader.test(cell));
    const productAt = head.findIndex((cell) => productHeader.test(cell));
    for (const cells of rows.slice(headAt + 1)) {
      affected.push({
        product: productAt < 0 ? null : cleanOrNull(cells[productAt]),
        lots: values(cells[lotAt] ?? ''),
        models: modelAt < 0 ? [] : values(cells[modelAt] ?? ''),
      });
    }
  }
  return affected;
}

// Every label the page layouts use; a value runs from its label to the next label.
const labels: [RegExp, string][] = [
  [lotHeader, 'lot'],
  [modelHeader, 'model'],
  [/^manufacturer$/i, 'manufacturer'],
  [/^recall date$/i, 'recallDate'],
  [/^starting date$/i, 'recallDate'],
  [/^original published date$/i, 'publishedDate'],
  [/^posting date$/i, 'publishedDate'],
  [
    /^(affected products?|companies|reason|issue|summary|product|what (you should|to) do|details|last updated|type of communication|subcategory|hazard classification|source of recall|audience|identification number|recall class|category|distributor|importer|media enquiries|public enquiries|images)$/i,
    'other',
  ],
];

function labelOf(line: string): { name: string; rest: string } | null {
  const m = /^([^:]{3,40}?)\s*:\s*(.*)$/.exec(line);
  const candidates = m ? [[m[1]!, m[2]!]] : [];
  candidates.push([line, '']);
  for (const [text, rest] of candidates) {
    const found = labels.find(([pattern]) => pattern.test(cleanText(text)));
    if (found) return { name: found[1], rest: cleanText(rest) };
  }
  return null;
}

/** Reads the label/value lines outside tables: dates, the manufacturer, and older pages' product blocks. */
function fromLines(lines: string[]) {
  const read = {
    firm: undefined as string | null | undefined,
    recallDate: null as string | null,
    publishedDate: null as string | null,
    blocks: [] as HealthCanadaPage['affected'],
  };
  let state = '';
  let previous: string | null = null;
  let block: HealthCanadaPage['affected'][number] | null = null;
  const take = (value: string) => {
    if (value === '' || value === '-') return;
    if (state === 'recallDate' && !read.recallDate) read.recallDate = parseDay(value);
    else if (state === 'publishedDate' && !read.publishedDate) read.publishedDate = parseDay(value);
    else if (state === 'manufacturer' && read.firm === undefined)
      read.firm = /^not applicable\.?$/i.test(value) ? null : value;
    else if ((state === 'lot' || state === 'model') && block) {
      // Prose after the last block (the archive notice) is not a lot or a model.
      if (value.split(' ').length > 8) state = '';
      else if (!isPlaceholder(value)) (state === 'lot' ? block.lots : block.models).push(value);
      return;
    }
    if (state !== 'lot' && state !== 'model') state = state === 'manufacturer' ? 'address' : '';
  };
  for (const line of lines) {
    const label = labelOf(line);
    if (!label) {
      take(line);
      previous = line;
      continue;
    }
    if (label.name === 'lot') {
      // On older pages each product's name is the line just above its "Lot or serial number".
      if (block && previous !== null && block.models.at(-1) === previous) block.models.pop();
      const product: string | null = previous === null ? null : previous.replace(/^[A-Z]\.\s+/, '');
      block = { product, lots: [], models: [] };
      read.blocks.push(block);
    }
    state = label.name;
    previous = null;
    if (label.rest !== '') take(label.rest);
  }
  return read;
}

/**
 * A recall page, current layout (label/value pairs, an "Affected products" table, "Companies" →
 * "Manufacturer") or the migrated legacy one (per-product blocks, "Starting date"/"Posting date").
 */
export function readHealthCanadaPage(html: string): HealthCanadaPage {
  const tableRows = fromTables(html);
  const lines = fromLines(htmlLines(html, { skipTables: true }));
  const affected = [...tableRows, ...lines.blocks];
  return {
    firm: lines.firm ?? null,
    products: distinct(affected.map((row) => row.product ?? '')),
    models: distinct(affected.flatMap((row) => row.models)),
    lots: distinct(affected.flatMap((row) => row.lots)),
    recallDate: lines.recallDate,
    publishedDate: lines.publishedDate,
    affected,
  };
}

/** The row's notice with what its page adds; the page's recall date is the earlier, truer date. */
export function enrichHealthCanada(notice: EarlyNotice, page: HealthCanadaPage): EarlyNotice {
  return withPage(notice, { ...page, udiDis: [], day: page.recallDate ?? page.publishedDate });
}
