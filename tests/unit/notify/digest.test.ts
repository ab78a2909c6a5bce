import { describe, expect, it } from 'vitest';
import type { DueReport } from '../../../src/incidents/due';
import { composeDigest, type DigestCase, type DigestInput } from '../../../src/notify/digest';
import { digestMissed } from '../../../src/notify/schedule';

const now = new Date('2025-06-10T07:00:00.000Z');
const dueDays = { I: 2, II: 7, III: 30, unclassified: 7 };

const recall = (over: Partial<DigestCase>): DigestCase => ({
  productResNumber: 'Z-2101-2024',
  recallClass: 'II',
  firm: 'CareFusion 303, Inc.',
  productDescription: 'Alaris PC Unit, Model 8015',
  reasonForRecall: 'The keypad may register a key press twice.',
  openedAt: '2025-06-09T12:00:00.000Z',
  assets: [{ tag: 'BME-1001', model: '8015' }],
  state: 'new',
  dueOverride: null,
  ...over,
});

const input = (over: Partial<DigestInput>): DigestInput => ({
  now,
  publicUrl: 'https://vigil.example.org',
  dueDays,
  opened: [],
  unclosed: [],
  counts: {},
  ...over,
});

describe('composing the digest', () => {
  it('when nothing is new and nothing is due, then there is no digest', () => {
    const later = recall({ openedAt: '2025-06-09T12:00:00.000Z' }); // Class II: due 2025-06-16
    expect(composeDigest(input({ unclosed: [later], counts: { new: 1 } }))).toBeNull();
  });

  it('when recalls are new, then the subject counts them and their Class I, and the body lists the most severe first', () => {
    const classII = recall({});
    const classI = recall({
      productResNumber: 'Z-2102-2024',
      recallClass: 'I',
      firm: 'Physio-Control, Inc.',
      productDescription: 'LIFEPAK 20 defibrillator/monitor',
      assets: [{ tag: 'BME-1003', model: 'LIFEPAK 20' }],
    });
    const digest = composeDigest(
      input({ opened: [classII, classI], unclosed: [classII, classI], counts: { new: 2, closed: 3 } }),
    )!;
    expect(digest.subject).toBe('Vigil: 2 new matched recalls (1 Class I)');
    expect(digest.text).not.toContain('Due within');
    expect(digest.text.indexOf('Z-2102-2024')).toBeLessThan(digest.text.indexOf('Z-2101-2024'));
    expect(digest.text).toContain(
      '- Class I · Z-2102-2024 · Physio-Control, Inc.: LIFEPAK 20 defibrillator/monitor',
    );
    expect(digest.text).toContain('Matched: 1 asset: BME-1003 (LIFEPAK 20)');
    expect(digest.text).toContain('Due 2025-06-11 (due in 1 day)');
    expect(digest.text).toContain('https://vigil.example.org/recalls/Z-2102-2024');
    expect(digest.text).toContain('All cases: New 2 · Closed 3');
    expect(digest.html).toContain('<a href="https://vigil.example.org/recalls/Z-2101-2024">');
  });

  it('when a case is overdue or due soon, then it is listed with its days, the most overdue first', () => {
    const overdue = recall({
      productResNumber: 'Z-0001-2025',
      openedAt: '2025-05-01T09:00:00.000Z',
      state: 'assigned',
    });
    const soon = recall({ productResNumber: 'Z-0002-2025', dueOverride: '2025-06-12', state: 'in_progress' });
    const later = recall({
      productResNumber: 'Z-0003-2025',
      recallClass: 'III',
      openedAt: '2025-06-01T09:00:00.000Z',
    });
    const digest = composeDigest(input({ unclosed: [soon, later, overdue] }))!;
    expect(digest.subject).toBe('Vigil: 2 cases due within 2 days or overdue');
    expect(digest.text).toContain('overdue by 33 days (due 2025-05-08) · Assigned');
    expect(digest.text).toContain('due in 2 days (due 2025-06-12) · Action in progress');
    expect(digest.text.indexOf('Z-0001-2025')).toBeLessThan(digest.text.indexOf('Z-0002-2025'));
    expect(digest.text).not.toContain('Z-0003-2025');
    expect(digest.text).not.toContain('New recalls');
  });

  it('when FDA text holds markup, then the HTML shows it escaped and the plain text as written', () => {
    const hostile = recall({
      firm: `Evil "Firm" <b>Inc</b>`,
      productDescription: `<script>alert('x')</script> pump`,
      reasonForRecall: `"><img src=x onerror=alert(1)>`,
    });
    const digest = composeDigest(input({ opened: [hostile] }))!;
    expect(digest.html).not.toMatch(/<script|<img|<b>/);
    expect(digest.html).toContain(
      'Evil &quot;Firm&quot; &lt;b&gt;Inc&lt;/b&gt;: &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; pump',
    );
    expect(digest.html).toContain('Reason: &quot;&gt;&lt;img src=x onerror=alert(1)&gt;');
    expect(digest.text).toContain(`Reason: "><img src=x onerror=alert(1)>`);
  });

  it('when very many recalls are new, then fifty are listed and the rest counted', () => {
    const many = Array.from({ length: 60 }, (_, i) =>
      recall({
        productResNumber: `Z-${1000 + i}-2025`,
        openedAt: `2025-06-09T12:00:${String(i).padStart(2, '0')}.000Z`,
      }),
    );
    const digest = composeDigest(input({ opened: many }))!;
    expect(digest.opened).toBe(60);
    expect(digest.text.match(/^- /gm)).toHaveLength(50);
    expect(digest.text).toContain('…and 10 more in Vigil: https://vigil.example.org/');
  });
});

describe('MDR reports in the digest', () => {
  const owed = (over: Partial<DueReport>): DueReport => ({
    incidentId: 7,
    incidentNumber: 'INC-2025-0007',
    title: 'Pump <b>stopped</b>',
    to: 'FDA',
    dueOn: '2025-06-05',
    overdue: true,
    workDaysLeft: 0,
    daysLate: 3,
    ...over,
  });

  it('when a report is overdue and nothing else is new, then a digest still goes out, led by it', () => {
    const digest = composeDigest(
      input({
        mdrDue: [
          owed({}),
          owed({ to: null, overdue: false, dueOn: '2025-06-20', workDaysLeft: 8, daysLate: 0 }),
        ],
      }),
    )!;
    expect(digest.subject).toBe('Vigil: 1 MDR report OVERDUE, 1 MDR report due');
    expect(digest.mdrDue).toBe(2);
    expect(digest.text).toContain(
      '- OVERDUE by 3 days: MedWatch 3500A to the FDA for INC-2025-0007 (Pump <b>stopped</b>)',
    );
    expect(digest.text).toContain('due 2025-06-20, in 8 work days: reportability decision for INC-2025-0007');
    expect(digest.text).toContain('https://vigil.example.org/incidents/7#reportability');
    expect(digest.html).toContain('Pump &lt;b&gt;stopped&lt;/b&gt;');
    expect(digest.html).not.toContain('<b>stopped');
  });

  it('when an incident title carries patient identifiers, then the email withholds them and keeps the rest', () => {
    const digest = composeDigest(
      input({ mdrDue: [owed({ title: 'Pump stopped for DOE^JANE, MRN 00412345 (Mrs. Doe)' })] }),
    )!;
    for (const part of [digest.text, digest.html, digest.subject]) {
      for (const gone of ['DOE', 'JANE', '00412345', 'Mrs. Doe']) expect(part).not.toContain(gone);
    }
    expect(digest.text).toContain('Pump stopped for [name withheld], MRN [number withheld]');
  });

  it('when no report is owed, then the digest says nothing of MDR reports', () => {
    const digest = composeDigest(input({ opened: [recall({})], mdrDue: [] }))!;
    expect(digest.subject).not.toContain('MDR');
    expect(digest.text).not.toContain('21 CFR 803');
  });
});

describe('a digest missed while the server was down', () => {
  it('when a scheduled time passed after the last run, then it was missed; before it, not', () => {
    // Hourly, so the answer does not depend on the machine's time zone.
    const covered = '2025-06-09T07:00:05.000Z';
    expect(digestMissed('0 * * * *', covered, new Date('2025-06-09T07:59:00Z'))).toBe(false);
    expect(digestMissed('0 * * * *', covered, new Date('2025-06-09T08:00:01Z'))).toBe(true);
  });

  it('when no digest has ever run, then none was missed', () => {
    expect(digestMissed('0 7 * * *', null, now)).toBe(false);
  });
});
