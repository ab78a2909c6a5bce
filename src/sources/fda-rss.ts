/**
 * FDA "Medical Device Recalls and Early Alerts": the RSS 2.0 feed (title, link, description,
 * pubDate per item) and the item page that alone lists product codes, UDI-DIs, lots and the date
 * of the firm's letter. The feed has no firm or product fields, so both come from the title's two
 * house patterns. Pure: the caller downloads, this reads.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { EarlyNotice, NoticeReject, ReadNotices } from './notice';
import {
  cleanOrNull,
  cleanText,
  decodeEntities,
  distinct,
  htmlLines,
  lastPathSegment,
  parseDay,
  slug,
} from './text';
import { withPage } from './with-page';

const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: true,
  processEntities: true,
  htmlEntities: true,
  // Descriptions carry HTML, escaped, in CDATA or (from careless feeds) as raw tags: take them
  // unparsed and read them as HTML here.
  stopNodes: ['*.item.description'],
  isArray: (_name, jpath) => jpath === 'rss.channel.item',
});

function textOf(value: unknown): string {
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  if (value && typeof value === 'object' && '#text' in value)
    return textOf((value as { '#text': unknown })['#text']);
  return '';
}

function descriptionText(value: unknown): string | null {
  const raw = textOf(value).replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, '$1');
  // Escaped HTML is decoded once so that its tags become tags; then read as HTML.
  const html = /<[a-z!/]/i.test(raw) ? raw : decodeEntities(raw);
  return cleanOrNull(htmlLines(html).join(' '));
}

type TitleParts = {
  kind: 'Early Alert' | 'Recall' | null;
  deviceType: string | null;
  firm: string | null;
  product: string;
};

const actions =
  'Removes|Recalls|Corrects|Issues (?:a )?Correction (?:for|to)|Issues Correction|Expands Recall of|Updates(?: [A-Za-z-]+){0,4}? (?:for|of|on)|Updates';

// "… Due to Risk of Serious Burn" says why, not what.
function withoutReason(product: string): string {
  return product
    .replace(/\s+(?:due to|because of|for risk of|risk of)\b.*$/i, '')
    .replace(/^certain\s+/i, '');
}

/**
 * Firm and product from FDA's title patterns: "Early Alert: <Device> Issue from <Firm>" and
 * "<Device type> Recall: <Firm> <Removes|Recalls|Corrects|…> <Product>" (also without the
 * device-type prefix: "Megadyne Recalls MEGA 2000 …"). Anything else keeps the title as product.
 */
export function readFdaTitle(title: string): TitleParts {
  const alert = /^early alert\s*:\s*(.+?)\s+issues?\s+from\s+(.+)$/i.exec(title);
  if (alert)
    return { kind: 'Early Alert', deviceType: null, firm: cleanText(alert[2]), product: cleanText(alert[1]) };
  const prefixed = new RegExp(
    `^(.+?)\\s+(?:Recall|Correction)\\s*:\\s*(.+?)\\s+(?:${actions})\\s+(.+)$`,
    'i',
  ).exec(title);
  if (prefixed) {
    return {
      kind: 'Recall',
      deviceType: cleanText(prefixed[1]),
      firm: cleanText(prefixed[2]),
      product: withoutReason(cleanText(prefixed[3])),
    };
  }
  // A firm name is a few words; a longer run before the verb is a sentence, not a firm.
  const bare = new RegExp(`^((?:\\S+\\s+){0,5}?\\S+)\\s+(?:${actions})\\s+(.+)$`).exec(title);
  if (bare && !/^(fda|the)\b/i.test(bare[1]!)) {
    return {
      kind: 'Recall',
      deviceType: null,
      firm: cleanText(bare[1]),
      product: withoutReason(cleanText(bare[2])),
    };
  }
  return { kind: null, deviceType: null, firm: null, product: title };
}

function itemNotice(item: Record<string, unknown>): EarlyNotice | NoticeReject {
  const link = cleanText(textOf(item.link));
  const title = cleanText(textOf(item.title));
  if (link === '') return { key: null, reason: 'the item has no link', raw: item };
  const key = `FDA-${slug(lastPathSegment(link))}`;
  if (key === 'FDA-') return { key: null, reason: `the link ${link} has no path to key on`, raw: item };
  if (title === '') return { key, reason: 'the item has no title', raw: item };
  const parts = readFdaTitle(title);
  const day = parseDay(textOf(item.pubDate));
  return {
    key,
    source: 'fda-rss',
    sourceId: link,
    url: link,
    title,
    firm: parts.firm,
    product: parts.product,
    models: [],
    lots: [],
    udiDis: [],
    sourceClass: parts.kind,
    issue: descriptionText(item.description),
    category: parts.deviceType,
    noticeDate: day,
    sourceUpdated: day,
    raw: item,
  };
}

/** The items of an RSS 2.0 feed; malformed XML or a document that is not RSS throws. */
export function readFdaRss(xml: string): ReadNotices {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    throw new Error(`the FDA feed is not well-formed XML: ${valid.err.msg} (line ${valid.err.line})`);
  }
  const doc = parser.parse(xml) as { rss?: { channel?: unknown } };
  const channel = doc.rss?.channel;
  if (channel === undefined)
    throw new Error('the FDA feed is not RSS 2.0: expected <rss><channel>…</channel></rss>');
  const items = channel && typeof channel === 'object' ? ((channel as { item?: unknown[] }).item ?? []) : [];
  const notices: EarlyNotice[] = [];
  const rejects: NoticeReject[] = [];
  for (const item of items) {
    if (!item || typeof item !== 'object') {
      rejects.push({ key: null, reason: 'the item is empty', raw: item });
      continue;
    }
    const read = itemNotice(item as Record<string, unknown>);
    if ('source' in read) notices.push(read);
    else rejects.push(read);
  }
  return { notices, rejects };
}

/** What an item page adds to the feed's item. */
export type FdaAlertPage = {
  products: string[];
  /** Product, catalogue and model codes ("Product Code: 0048-0003" is the firm's code, not FDA's). */
  models: string[];
  udiDis: string[];
  lots: string[];
  /** The firm's letter to customers ("On May 18, Abiomed sent affected customers a letter"). */
  letterDate: string | null;
  letterFirm: string | null;
  /** The page's own date ("Content current as of"), which gives the letter its year. */
  pageDate: string | null;
};

const itemLabels: [RegExp, 'products' | 'models' | 'udiDis' | 'lots'][] = [
  [/^(product (description|name)s?|device names?|brand names?)$/i, 'products'],
  [
    /^(product codes?|model( numbers?)?|catalog(ue)? (numbers?|codes?)|part numbers?|ref(erence)? numbers?)$/i,
    'models',
  ],
  [/^(udi-?di|udi|device identifiers?)s?$/i, 'udiDis'],
  [/^((impacted|affected) )?(serial|lot|batch)( or (serial|lot))? numbers?$/i, 'lots'],
];

function listValues(text: string): string[] {
  return text
    .split(/\s*[,;]\s*|\s+and\s+/)
    .map((value) => cleanText(value))
    .filter((value) => value !== '');
}

function pageDateOf(lines: string[]): string | null {
  for (const [index, line] of lines.entries()) {
    const m = /^(?:content current as of|date (?:issued|posted)|updated)\s*:?\s*(.*)$/i.exec(line);
    const day = m ? parseDay(m[1] || lines[index + 1]) : null;
    if (day) return day;
  }
  return null;
}

// "On May 18, Abiomed sent affected customers a letter …"; the year is the page's, unless that
// would put the letter after the page, in which case it was the year before.
function letterOf(lines: string[], pageYear: number | null, pageDate: string | null) {
  for (const line of lines) {
    const m =
      /\bOn ([A-Z][a-z]+\.? \d{1,2})(?:, (\d{4}))?, (.+?) (?:sent|issued|mailed|emailed)\b.*\b(?:letter|notice|notification)/.exec(
        line,
      );
    if (!m) continue;
    const year = m[2] ? Number(m[2]) : pageYear;
    if (year === null) return { letterDate: null, letterFirm: cleanText(m[3]) };
    let day = parseDay(`${m[1]}, ${year}`);
    if (!m[2] && day && pageDate && day > pageDate) day = parseDay(`${m[1]}, ${year - 1}`);
    return { letterDate: day, letterFirm: cleanText(m[3]) };
  }
  return { letterDate: null, letterFirm: null };
}

/**
 * An item page: the "Affected devices" lines ("Product Description: …", "Product Code: …",
 * "UDI-DI: …", "Impacted Serial Numbers: …", a label on its own line works too) and the letter
 * date. A letter written without a year takes the page's year, or `fallbackYear` when the page
 * shows no date.
 */
export function readFdaAlertPage(html: string, fallbackYear?: number): FdaAlertPage {
  const lines = htmlLines(html).map((line) => line.replace(/^[•·*-]\s*/, ''));
  const found = {
    products: [] as string[],
    models: [] as string[],
    udiDis: [] as string[],
    lots: [] as string[],
  };
  let pending: keyof typeof found | null = null;
  for (const line of lines) {
    const m = /^([^:]{2,40}?)\s*:\s*(.*)$/.exec(line);
    const label = m ? itemLabels.find(([pattern]) => pattern.test(cleanText(m[1]))) : undefined;
    if (m && label) {
      pending = m[2] === '' ? label[1] : null;
      if (m[2] !== '')
        found[label[1]].push(...(label[1] === 'products' ? [cleanText(m[2])] : listValues(m[2]!)));
      continue;
    }
    if (pending) found[pending].push(...(pending === 'products' ? [line] : listValues(line)));
    pending = null;
  }
  const pageDate = pageDateOf(lines);
  const pageYear = pageDate ? Number(pageDate.slice(0, 4)) : (fallbackYear ?? null);
  return {
    products: distinct(found.products),
    // FDA's own three-letter product codes classify the device; they are not the firm's catalogue numbers.
    models: distinct(found.models.filter((code) => !/^[A-Z]{3}$/.test(code))),
    udiDis: distinct(found.udiDis),
    lots: distinct(found.lots),
    ...letterOf(lines, pageYear, pageDate),
    pageDate,
  };
}

/** The feed item's notice with what its page adds; the letter date is the earlier, truer date. */
export function enrichFdaAlert(notice: EarlyNotice, page: FdaAlertPage): EarlyNotice {
  return withPage(notice, { ...page, firm: page.letterFirm, day: page.letterDate });
}
