import { normaliseIdentifier } from '../matching/extract';
import { coreOf, type FirmIndex, firmRelation, normaliseFirmName } from '../matching/firms';
import { tokenize } from '../matching/text';
import { genericWords } from '../matching/vocabulary';

/**
 * Whether an early notice and an openFDA recall tell of one event: the same firm family, the same
 * product (its identifiers above all, else its words) and days that fit the order of things (the
 * firm's letter, then the early notice, then the FDA's posting). Pure: the linking (linking.ts)
 * reads the pairs and stores the verdicts.
 */

export type LinkNotice = {
  firm: string | null;
  title: string;
  product: string;
  models: string[];
  lots: string[];
  udiDis: string[];
  noticeDate: string | null;
};

export type LinkRecall = {
  /** Our devices that both the notice and the recall match (see countedMatch): the same models of ours. */
  sharedDevices?: string[];
  recallingFirm: string | null;
  productDescription: string | null;
  codeInfo: string | null;
  /** The day the firm began the recall, as openFDA says. */
  initiated: string | null;
};

export type LinkVerdict = { state: 'linked' | 'suggested'; score: number; reasons: string[] } | null;

/**
 * How far apart the notice's day and the recall's start may be. An early notice follows the
 * firm's letter by days to weeks; a source's own "recall date" can be the firm's start, days
 * before; and a notice's page is edited later (lots added) without a new date.
 */
export const linkWindowDays = { before: 30, after: 180 };

const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / 86_400_000;

/** The words that name a product: not the device-type and filler words every firm uses. */
function productWords(text: string): Set<string> {
  return new Set(tokenize(text).filter((t) => t.length >= 3 && !/^\d+$/.test(t) && !genericWords.has(t)));
}

const without = (words: Set<string>, drop: Set<string>) => new Set([...words].filter((w) => !drop.has(w)));

function identifiersIn(text: string): Set<string> {
  return new Set(
    (text.match(/[A-Za-z0-9][A-Za-z0-9\-./]*[A-Za-z0-9]|[A-Za-z0-9]/g) ?? []).map(normaliseIdentifier),
  );
}

/** The identifiers the notice lists that the recall's text names too. */
function shared(values: string[], within: Set<string>): string[] {
  return values.filter((v) => {
    const id = normaliseIdentifier(v);
    return id.length >= 4 && within.has(id);
  });
}

export function judgeLink(notice: LinkNotice, recall: LinkRecall, firms: FirmIndex): LinkVerdict {
  const reasons: string[] = [];
  // The days: outside the window, not one event whatever else agrees.
  let closeInTime = false;
  if (notice.noticeDate && recall.initiated) {
    const lead = dayNumber(notice.noticeDate) - dayNumber(recall.initiated);
    if (lead < -linkWindowDays.before || lead > linkWindowDays.after) return null;
    closeInTime = Math.abs(lead) <= 60;
    reasons.push(
      `the notice (${notice.noticeDate}) is ${Math.abs(lead)} days ${lead >= 0 ? 'after' : 'before'} the recall began (${recall.initiated})`,
    );
  }

  // The firm: named by the notice, or, where the source names none, in the notice's own words.
  let firmAgrees = false;
  if (notice.firm && recall.recallingFirm) {
    const relation = firmRelation(firms.identify(notice.firm), firms.identify(recall.recallingFirm));
    if (!relation) return null;
    firmAgrees = true;
    reasons.push(`same firm: ${relation.how}`);
  } else if (recall.recallingFirm) {
    const core = coreOf(normaliseFirmName(recall.recallingFirm)).toUpperCase();
    const words = ` ${tokenize(`${notice.title} ${notice.product}`).join(' ')} `;
    if (core.length >= 2 && words.includes(` ${core} `)) {
      firmAgrees = true;
      reasons.push(`the notice names the firm (${recall.recallingFirm})`);
    }
  }

  // The same devices of ours, matched by each on its own: where the source names no firm, the
  // firm the engine found for those devices stands for it.
  const sameDevices = recall.sharedDevices ?? [];
  if (sameDevices.length) {
    reasons.push(
      `both match our ${sameDevices.slice(0, 3).join(', ')}${sameDevices.length > 3 ? ` and ${sameDevices.length - 3} more` : ''}`,
    );
    if (!notice.firm) firmAgrees = true;
  }

  const recallText = `${recall.productDescription ?? ''}\n${recall.codeInfo ?? ''}`;
  const ids = identifiersIn(recallText);
  const udis = shared(notice.udiDis, ids);
  const models = shared(notice.models, ids);
  const lots = shared(notice.lots, ids);
  if (udis.length) reasons.push(`same UDI-DI: ${udis.slice(0, 3).join(', ')}`);
  if (models.length) reasons.push(`same model or catalogue numbers: ${models.slice(0, 5).join(', ')}`);
  if (lots.length) reasons.push(`same lots or serials: ${lots.slice(0, 5).join(', ')}`);

  // The product as the notice names it (a title also carries the firm and "Recall: … Removes");
  // the firms' own names say nothing more of the product.
  const firmWords = productWords(`${notice.firm ?? ''} ${recall.recallingFirm ?? ''}`);
  const noticeWords = without(productWords(notice.product || notice.title), firmWords);
  const recallWords = without(productWords(recall.productDescription ?? ''), firmWords);
  const common = [...noticeWords].filter((w) => recallWords.has(w));
  const wordShare = noticeWords.size ? common.length / noticeWords.size : 0;
  if (common.length) reasons.push(`same product words: ${common.slice(0, 6).join(', ').toLowerCase()}`);

  const identified = udis.length > 0 || models.length > 0 || lots.length > 0;
  const score =
    Math.min(1, (udis.length ? 0.5 : 0) + (models.length ? 0.35 : 0) + (lots.length ? 0.25 : 0)) * 0.5 +
    (firmAgrees ? 0.25 : 0) +
    Math.min(wordShare, 1) * 0.15 +
    (closeInTime ? 0.1 : 0);
  const rounded = Math.round(score * 100) / 100;
  // Sure: the firm agrees and the product is the same by its numbers, by most of its words, or
  // by the same devices of ours and a word of its name.
  const sameProduct =
    identified || (wordShare >= 0.5 && common.length >= 2) || (sameDevices.length > 0 && common.length >= 1);
  if (firmAgrees && sameProduct && recall.initiated) {
    return { state: 'linked', score: rounded, reasons };
  }
  // Worth a person's look: the same device by its numbers, or the firm and some of the words.
  if (udis.length > 0 || (firmAgrees && common.length >= 1) || (identified && common.length >= 1)) {
    return { state: 'suggested', score: rounded, reasons };
  }
  return null;
}
