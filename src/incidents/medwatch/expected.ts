import type { DraftSection, MissingField } from './form3500a';
import { formDate } from './format';
import type { MedwatchInput } from './input';

/**
 * What the FDA expects and the draft does not have yet: the elements 21 CFR 803.32 asks for "if
 * known", and the blocks that apply only when the facts make them apply.
 */
export function missingFields(sections: DraftSection[], input: MedwatchInput): MissingField[] {
  const { event = {}, device = {}, facility = {} } = input;
  const missing: MissingField[] = [];
  const adverse = event.outcome === 'death' || event.outcome === 'serious_injury';
  const byId = new Map(sections.flatMap((s) => s.fields.map((f) => [f.id, f] as const)));
  const expect = (id: string, rule: string, when = true) => {
    const f = byId.get(id);
    if (when && f && f.value === null) missing.push({ id, label: f.label, rule });
  };
  for (const [id, rule] of expected) expect(id, rule);
  expect('B2', '21 CFR 803.32(b)(2)', adverse);
  expect('D6', '21 CFR 803.32(c)', device.implanted === true);
  expect('D9', '21 CFR 803.32(c)', device.singleUseReprocessed === true);
  if (event.outcome === 'death' && !formDate(event.deathOn)) {
    missing.push({ id: 'B2', label: 'Date of death', rule: '21 CFR 803.32(b)(2)' });
  }
  if (facility.reportType === 'follow_up' && !facility.followUpNumber) {
    missing.push({ id: 'F7', label: 'Follow-up number', rule: '21 CFR 803.32(e)(7)' });
  }
  return missing;
}

/** The elements 21 CFR 803.32 asks a user facility for "if known", by the block they fill. */
const expected: [string, string][] = [
  ['A1', '21 CFR 803.32(a)(1)'],
  ['A2', '21 CFR 803.32(a)(2)'],
  ['A3', '21 CFR 803.32(a)(3)'],
  ['A4', '21 CFR 803.32(a)(4)'],
  ['B1', '21 CFR 803.32(b)(1)'],
  ['B3', '21 CFR 803.32(b)(3)'],
  ['B4', '21 CFR 803.32(b)(4)'],
  ['B5', '21 CFR 803.32(b)(5)'],
  ['B6', '21 CFR 803.32(b)(6)'],
  ['B7', '21 CFR 803.32(b)(7)'],
  ['D1', '21 CFR 803.32(c)'],
  ['D2a', '21 CFR 803.32(c)'],
  ['D2b', '21 CFR 803.32(c)'],
  ['D3', '21 CFR 803.32(c)'],
  ['D4.model', '21 CFR 803.32(c)'],
  ['D4.catalog', '21 CFR 803.32(c)'],
  ['D4.serial', '21 CFR 803.32(c)'],
  ['D4.lot', '21 CFR 803.32(c)'],
  ['D4.expiry', '21 CFR 803.32(c)'],
  ['D4.udi', '21 CFR 803.32(c)'],
  ['D5', '21 CFR 803.32(c)'],
  ['D8', '21 CFR 803.32(c)'],
  ['D10', '21 CFR 803.32(c)'],
  ['E1', '21 CFR 803.32(d)'],
  ['E2', '21 CFR 803.32(d)'],
  ['E3', '21 CFR 803.32(d)'],
  ['E4', '21 CFR 803.32(d)'],
  ['F2', '21 CFR 803.32(e)(2)'],
  ['F3', '21 CFR 803.32(e)(3)'],
  ['F4', '21 CFR 803.32(e)(4)'],
  ['F5', '21 CFR 803.32(e)(5)'],
  ['F6', '21 CFR 803.32(e)(6)'],
  ['F7', '21 CFR 803.32(e)(7)'],
  ['F8', '21 CFR 803.32(e)(8)'],
  ['F9', '21 CFR 803.32(e)(9)'],
  ['F10', '21 CFR 803.32(e)(10)'],
  ['F12', '21 CFR 803.32(e)(12)'],
  ['F14', '21 CFR 803.32(e)(14)'],
];
