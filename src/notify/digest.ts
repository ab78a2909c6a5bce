import type { DueDays } from '../config';
import { type CaseState, caseStates } from '../db/schema';
import type { DueReport } from '../incidents/due';
import { withheldText } from '../incidents/patient-identifiers';
import { promiseLate } from '../recalls/manufacturer';
import { classRank, daysLeft, dueDate, stateLabels } from '../recalls/workflow';
import { facilityDay } from '../shared/clock';
import { assetsLine, type CaseFacts, escapeHtml, recallTitle, recallUrl } from './text';

export type DigestCase = CaseFacts & {
  state: CaseState;
  dueOverride: string | null;
  correctionPromisedBy?: string | null;
  correctionDoneOn?: string | null;
};

export type DigestInput = {
  now: Date;
  publicUrl: string;
  dueDays: DueDays;
  /** Cases opened since the last digest went out. */
  opened: DigestCase[];
  /** Every case not closed; those due within `soonDays` or overdue, and not new, are listed. */
  unclosed: DigestCase[];
  counts: Partial<Record<CaseState, number>>;
  soonDays?: number;
  /** MedWatch reports owed and 803 decisions pending (see reportsDue): listed first, every day. */
  mdrDue?: DueReport[];
};

export type Digest = {
  subject: string;
  text: string;
  html: string;
  opened: number;
  due: number;
  mdrDue: number;
  latePromises: number;
};

/** Cases in the digest's list at most; the rest are a count and a link to the inbox. */
const listMax = 50;

type Due = DigestCase & { due: string; left: number };

const dueWords = (left: number) =>
  left < 0
    ? `overdue by ${-left} ${left === -1 ? 'day' : 'days'}`
    : left === 0
      ? 'due today'
      : `due in ${left} ${left === 1 ? 'day' : 'days'}`;

const lateLine = (c: DigestCase) =>
  `Correction promised by ${c.correctionPromisedBy}, not recorded as done · ${stateLabels[c.state]}`;

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * The daily email: recalls newly matched to our devices, cases about to fall due or overdue, and
 * where all cases stand. Null when there is nothing new and nothing due: no email at all.
 */
export function composeDigest(input: DigestInput): Digest | null {
  const { now, publicUrl, dueDays } = input;
  const soon = input.soonDays ?? 2;
  const withDue = (c: DigestCase): Due => {
    const due = dueDate(c.openedAt, c.recallClass, dueDays, c.dueOverride);
    return { ...c, due, left: daysLeft(due, now) };
  };
  const opened = input.opened
    .map(withDue)
    .sort(
      (a, b) => classRank(a.recallClass) - classRank(b.recallClass) || b.openedAt.localeCompare(a.openedAt),
    );
  // A new case shows its due date where it is listed; it is not listed twice.
  const isNew = new Set(opened.map((c) => c.productResNumber));
  const due = input.unclosed
    .filter((c) => !isNew.has(c.productResNumber))
    .map(withDue)
    .filter((c) => c.left <= soon)
    .sort((a, b) => a.left - b.left || classRank(a.recallClass) - classRank(b.recallClass));
  const mdr = input.mdrDue ?? [];
  // A manufacturer's correction past its promised day: the team chases the firm.
  const today = facilityDay(now);
  const late = input.unclosed
    .filter((c) =>
      promiseLate(
        {
          correctionPromisedBy: c.correctionPromisedBy ?? null,
          correctionDoneOn: c.correctionDoneOn ?? null,
        },
        today,
      ),
    )
    .map(withDue)
    .sort((a, b) => (a.correctionPromisedBy ?? '').localeCompare(b.correctionPromisedBy ?? ''));
  if (opened.length === 0 && due.length === 0 && mdr.length === 0 && late.length === 0) return null;

  const classI = opened.filter((c) => c.recallClass === 'I').length;
  const mdrOverdue = mdr.filter((d) => d.overdue).length;
  const parts = [];
  // A report the law requires comes before any recall, and an overdue one leads the subject.
  if (mdrOverdue) parts.push(`${plural(mdrOverdue, 'MDR report', 'MDR reports')} OVERDUE`);
  if (mdr.length > mdrOverdue)
    parts.push(`${plural(mdr.length - mdrOverdue, 'MDR report', 'MDR reports')} due`);
  if (opened.length)
    parts.push(
      `${plural(opened.length, 'new matched recall', 'new matched recalls')}${classI ? ` (${classI} Class I)` : ''}`,
    );
  if (due.length) parts.push(`${plural(due.length, 'case', 'cases')} due within ${soon} days or overdue`);
  if (late.length)
    parts.push(
      `${plural(late.length, 'manufacturer correction', 'manufacturer corrections')} past the promised day`,
    );
  const subject = `Vigil: ${parts.join(', ')}`;

  const counts = caseStates
    .filter((s) => input.counts[s])
    .map((s) => `${stateLabels[s]} ${input.counts[s]}`)
    .join(' · ');
  const inbox = `${publicUrl}/`;
  const more = (n: number) => (n > listMax ? n - listMax : 0);

  const textCase = (c: Due, lines: string[]) =>
    [
      `- ${recallTitle(c)}`,
      ...lines.map((l) => `  ${l}`),
      `  ${recallUrl(publicUrl, c.productResNumber)}`,
    ].join('\n');
  // Email leaves the record and sits in inboxes: a title typed with a patient's name loses it.
  const mdrLine = (d: DueReport) =>
    `${d.overdue ? `OVERDUE by ${plural(d.daysLate, 'day', 'days')}` : `due ${d.dueOn}, ${d.workDaysLeft === 0 ? 'today' : `in ${plural(d.workDaysLeft, 'work day', 'work days')}`}`}: ${d.to ? `MedWatch 3500A to the ${d.to}` : 'reportability decision'} for ${d.incidentNumber} (${withheldText(d.title) ?? ''})`;
  const incidentUrl = (d: DueReport) => `${publicUrl}/incidents/${d.incidentId}#reportability`;
  const text = [
    mdr.length ? `MDR reports due under 21 CFR 803 (${mdr.length}):\n` : '',
    ...mdr.map((d) => `- ${mdrLine(d)}\n  ${incidentUrl(d)}`),
    opened.length ? `New recalls matching our devices (${opened.length}):\n` : '',
    ...opened
      .slice(0, listMax)
      .map((c) =>
        textCase(c, [
          `Reason: ${c.reasonForRecall?.replace(/\s+/g, ' ').trim() || 'the FDA gives none'}`,
          `Matched: ${assetsLine(c.assets)}`,
          `Due ${c.due} (${dueWords(c.left)})`,
        ]),
      ),
    more(opened.length) ? `…and ${more(opened.length)} more in Vigil: ${inbox}` : '',
    due.length ? `\nDue within ${soon} days or overdue (${due.length}):\n` : '',
    ...due
      .slice(0, listMax)
      .map((c) => textCase(c, [`${dueWords(c.left)} (due ${c.due}) · ${stateLabels[c.state]}`])),
    more(due.length) ? `…and ${more(due.length)} more in Vigil: ${inbox}` : '',
    late.length ? `\nCorrections past the day the manufacturer promised (${late.length}):\n` : '',
    ...late.slice(0, listMax).map((c) => textCase(c, [lateLine(c)])),
    more(late.length) ? `…and ${more(late.length)} more in Vigil: ${inbox}?late=1` : '',
    `\nAll cases: ${counts || 'none'}`,
    `Open Vigil: ${inbox}`,
  ]
    .filter(Boolean)
    .join('\n');

  const e = escapeHtml;
  const htmlCase = (c: Due, lines: string[]) =>
    `<li><a href="${e(recallUrl(publicUrl, c.productResNumber))}">${e(recallTitle(c))}</a>${lines
      .map((l) => `<br>${e(l)}`)
      .join('')}</li>`;
  const html = [
    '<!doctype html><html><body style="font-family: sans-serif">',
    mdr.length ? `<h2>MDR reports due under 21 CFR 803 (${mdr.length})</h2><ul>` : '',
    ...mdr.map(
      (d) =>
        `<li${d.overdue ? ' style="color: #a40e26; font-weight: bold"' : ''}><a href="${e(incidentUrl(d))}">${e(mdrLine(d))}</a></li>`,
    ),
    mdr.length ? '</ul>' : '',
    opened.length ? `<h2>New recalls matching our devices (${opened.length})</h2><ul>` : '',
    ...opened
      .slice(0, listMax)
      .map((c) =>
        htmlCase(c, [
          `Reason: ${c.reasonForRecall?.trim() || 'the FDA gives none'}`,
          `Matched: ${assetsLine(c.assets)}`,
          `Due ${c.due} (${dueWords(c.left)})`,
        ]),
      ),
    opened.length ? '</ul>' : '',
    more(opened.length) ? `<p>…and ${more(opened.length)} more in Vigil.</p>` : '',
    due.length ? `<h2>Due within ${soon} days or overdue (${due.length})</h2><ul>` : '',
    ...due
      .slice(0, listMax)
      .map((c) => htmlCase(c, [`${dueWords(c.left)} (due ${c.due}) · ${stateLabels[c.state]}`])),
    due.length ? '</ul>' : '',
    more(due.length) ? `<p>…and ${more(due.length)} more in Vigil.</p>` : '',
    late.length ? `<h2>Corrections past the day the manufacturer promised (${late.length})</h2><ul>` : '',
    ...late.slice(0, listMax).map((c) => htmlCase(c, [lateLine(c)])),
    late.length ? '</ul>' : '',
    more(late.length) ? `<p>…and ${more(late.length)} more in Vigil.</p>` : '',
    `<p>All cases: ${e(counts || 'none')}</p>`,
    `<p><a href="${e(inbox)}">Open Vigil</a></p>`,
    '</body></html>',
  ]
    .filter(Boolean)
    .join('\n');

  return {
    subject,
    text,
    html,
    opened: opened.length,
    due: due.length,
    mdrDue: mdr.length,
    latePromises: late.length,
  };
}
