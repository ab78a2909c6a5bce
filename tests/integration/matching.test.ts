import fs from 'node:fs';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/client';
import { firmAliases, matchDecisions, recallMatches } from '../../src/db/schema';
import { importInventory } from '../../src/inventory/import';
import { listMatches, type MatchRow } from '../../src/matching/queries';
import { runMatching } from '../../src/matching/run';
import type { Confidence } from '../../src/matching/score';
import { importFiles } from '../../src/openfda/bulk/import';
import { type Decision, decide, undoDismissal } from '../../src/recalls/decisions';
import { projectRoot, readEnvelope } from '../support/shared';
import { captureLog, openTestDb, tempDir } from '../support/vigil';

const fixtures = path.join(projectRoot, 'tests/fixtures/matching');
const inventoryCsv = fs.readFileSync(path.join(fixtures, 'inventory.csv'), 'utf8');

let db: Db;
let close: () => void;
let clock: number;
// Each step gets its own instant, as steps a person takes do.
const now = () => {
  clock += 1000;
  return new Date(clock);
};
const deps = () => ({ db, now, log: captureLog().log });
beforeEach(() => {
  ({ db, close } = openTestDb());
  clock = Date.parse('2025-06-01T10:00:00.000Z');
});
afterEach(() => close());

const loadInventory = (text = inventoryCsv) => importInventory(deps(), { text });

async function loadRecalls(...files: string[]) {
  const results = await importFiles(
    deps(),
    files.map((f) => (path.isAbsolute(f) ? f : path.join(fixtures, f))),
  );
  expect(results.map((r) => r.status)).toEqual(files.map(() => 'succeeded'));
}

const match = (full = false) => runMatching(deps(), { full });

/** Inventory and the first recalls loaded, and matched once (a full run: the first one is). */
async function matched() {
  loadInventory();
  await loadRecalls('recalls.json');
  return match();
}

/** The suggestions as "asset recall confidence [lot status]", in a stable order. */
const pairs = (min: Confidence = 'low') =>
  listMatches(db, min)
    .map((m) => [m.assetTag, m.productResNumber, m.confidence, m.lotStatus ?? ''].join(' ').trim())
    .sort();

const find = (assetTag: string, productResNumber: string): MatchRow | undefined =>
  listMatches(db).find((m) => m.assetTag === assetTag && m.productResNumber === productResNumber);

const decideOn = (assetTag: string, productResNumber: string, decision: Decision, note?: string) =>
  decide(
    db,
    { assetTag, productResNumber },
    decision,
    { name: 'J. Rivera', note, reason: decision === 'dismissed' ? 'not_in_service' : null },
    now(),
  );

/** The first recalls' suggestions, reasoned from the fixtures (see tests/fixtures/matching/README.md). */
const firstPairs = [
  'BME-1001 Z-2101-2024 high affected', // Alaris PC Unit 8015 named, by CareFusion: BD by alias
  'BME-1003 Z-2102-2024 high unknown', // LIFEPAK 20 named, by Physio-Control: Stryker by alias
  'BME-1004 Z-2103-2024 high affected', // MX450, serial inside the recalled range
  'BME-1005 Z-2103-2024 high not_affected', // MX450, serial outside it
  'BME-1006 Z-2104-2024 high unknown', // its catalog number, by Smiths Medical: ICU Medical by alias
  'BME-1007 Z-2105-2024 high affected', // its UDI-DI printed in code_info
  'BME-1008 Z-2106-2024 high', // Spectrum IQ by catalog number, software 8.00.00 affected
  'BME-1009 Z-2106-2024 high', // the same, software 9.01.01 not affected
  'BME-1010 Z-2108-2024 medium affected', // whole model named, but Excel-Tech is not known to be Natus
  'BME-1012 Z-2109-2024 low unknown', // a CARESCAPE accessory: the family name without B450
];

describe('matching recalls to the inventory', () => {
  it('when every recall is matched against the inventory, then each owned device is suggested at the confidence its evidence earns', async () => {
    const result = await matched();
    expect(result).toMatchObject({
      full: true,
      recallsMatched: 9,
      assetsMatched: 12,
      pairs: 10,
      byConfidence: { high: 8, medium: 1, low: 1 },
    });
    expect(pairs()).toEqual(firstPairs);
    expect(pairs('medium')).toEqual(firstPairs.filter((p) => !/ low( |$)/.test(p)));
    expect(pairs('high')).toEqual(firstPairs.filter((p) => / high/.test(p)));
    expect(listMatches(db).every((m) => m.status === 'suggested')).toBe(true);
  });

  it('when the firm names, serials, UDI and software versions decide a match, then the reasons say so in words a technician can check', async () => {
    await matched();
    const alaris = find('BME-1001', 'Z-2101-2024')!.reasons;
    expect(alaris[0]).toMatch(/^model "Alaris PC Unit 8015" in description/);
    expect(alaris).toContain('firm: bd = carefusion (bd family, by alias)');
    expect(alaris).toContain('product code FRN agrees');
    expect(find('BME-1003', 'Z-2102-2024')!.reasons).toContain(
      'firm: stryker = physio control (stryker family, by alias)',
    );
    expect(find('BME-1006', 'Z-2104-2024')!.reasons).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^catalog number .* in description$/),
        'firm: icu medical = smiths medical asd (icu medical family, by alias)',
      ]),
    );

    expect(find('BME-1004', 'Z-2103-2024')).toMatchObject({ lotStatus: 'affected' });
    expect(find('BME-1004', 'Z-2103-2024')!.reasons).toContain(
      'serial DE71200150 is listed ("Serial numbers DE71200100 through DE71200199")',
    );
    expect(find('BME-1005', 'Z-2103-2024')).toMatchObject({ lotStatus: 'not_affected' });
    expect(find('BME-1005', 'Z-2103-2024')!.reasons).toContain(
      'serial DE71200250 is not among the serial numbers listed ("Serial numbers DE71200100 through DE71200199")',
    );
    // "All serial numbers." covers every unit; "All units manufactured before March 2023" only some.
    expect(find('BME-1001', 'Z-2101-2024')!.reasons).toContain(
      'the recall covers every unit ("All serial numbers")',
    );
    expect(find('BME-1003', 'Z-2102-2024')!.reasons).toContain(
      'whether 44871066 is affected cannot be told from the recall\'s units: only some units are covered ("All units manufactured before March 2023")',
    );

    expect(find('BME-1007', 'Z-2105-2024')!.reasons[0]).toBe('UDI-DI 10884521062191 printed in the recall');
    expect(find('BME-1008', 'Z-2106-2024')!.reasons).toContain(
      'software 8.00.00 is among the affected versions',
    );
    expect(find('BME-1009', 'Z-2106-2024')!.reasons).toContain(
      'software 9.01.01 is not among the affected versions',
    );
    expect(find('BME-1010', 'Z-2108-2024')!.reasons).toContain('firm differs (Natus / excel tech)');
    expect(find('BME-1012', 'Z-2109-2024')!.reasons[0]).toBe('name CARESCAPE in description, without B450');
  });

  it('when a LIFEPAK 20 is recalled, then the LIFEPAK 1000 and the device nobody owns get no suggestion at medium or above', async () => {
    await matched();
    const likely = listMatches(db, 'medium');
    expect(likely.map((m) => m.assetTag)).toContain('BME-1003'); // the LIFEPAK 20 itself
    expect(likely.filter((m) => m.assetTag === 'BME-1002')).toEqual([]);
    expect(likely.filter((m) => m.productResNumber === 'Z-2107-2024')).toEqual([]);
    // Nobody owns an Olympus duodenoscope: not even a low suggestion.
    expect(listMatches(db, 'low').filter((m) => m.productResNumber === 'Z-2107-2024')).toEqual([]);
  });

  it('when later recalls arrive, then an incremental run matches only those and ends where a full run does', async () => {
    await matched();
    const before = listMatches(db);
    await loadRecalls('recalls-later.json');
    const result = await match();
    expect(result).toMatchObject({
      full: false,
      recallsMatched: readEnvelope(path.join(fixtures, 'recalls-later.json')).results.length,
      assetsMatched: 0,
      pairs: 2,
      byConfidence: { high: 1, medium: 1, low: 0 },
    });
    expect(pairs()).toEqual(
      [
        ...firstPairs,
        'BME-1002 Z-2110-2024 high affected', // the LIFEPAK 1000 is matched when it is the one recalled
        'BME-1011 Z-2111-2024 medium affected', // Excel-Tech again, still not known to be Natus
      ].sort(),
    );
    expect(find('BME-1011', 'Z-2111-2024')!.reasons).toContain('firm differs (Natus / excel tech)');
    // What was suggested before is untouched.
    expect(listMatches(db).filter((m) => !m.productResNumber.match(/^Z-211[01]-/))).toEqual(before);

    const incremental = listMatches(db);
    const full = await match(true);
    expect(full).toMatchObject({ full: true, recallsMatched: 11, assetsMatched: 12, pairs: 12 });
    expect(listMatches(db)).toEqual(incremental);
  });

  it('when nothing changed since the last run, then an incremental run matches nothing and keeps every suggestion', async () => {
    await matched();
    const before = db.select().from(recallMatches).all();
    // The same files again change no row, so there is nothing new to match.
    loadInventory();
    await loadRecalls('recalls.json');
    expect(await match()).toMatchObject({ full: false, recallsMatched: 0, assetsMatched: 0, pairs: 0 });
    expect(db.select().from(recallMatches).all()).toEqual(before);
  });

  it("when one asset's model is corrected in a re-imported inventory, then only that asset is matched again and its stale suggestion is withdrawn", async () => {
    await matched();
    const matchedAt = () =>
      db
        .select()
        .from(recallMatches)
        .all()
        .map((m) => `${m.assetTag} ${m.productResNumber} ${m.matchedAt}`)
        .sort();
    const before = matchedAt();
    const imported = loadInventory(
      inventoryCsv.replace('BME-1003,Stryker,LIFEPAK 20,', 'BME-1003,Stryker,LIFEPAK 15,'),
    );
    expect(imported).toMatchObject({ updated: 1, updatedTags: ['BME-1003'] });

    expect(await match()).toMatchObject({ full: false, recallsMatched: 0, assetsMatched: 1 });
    expect(find('BME-1003', 'Z-2102-2024')).toBeUndefined();
    expect(pairs()).toEqual(firstPairs.filter((p) => !p.startsWith('BME-1003 ')));
    // Every other suggestion is the one stored before, not a fresh copy.
    expect(matchedAt()).toEqual(before.filter((m) => !m.startsWith('BME-1003 ')));
  });

  it('when only the enforcement report of a recall arrives, then the recall is matched again with its lots', async () => {
    await matched();
    expect(await match()).toMatchObject({ recallsMatched: 0, assetsMatched: 0 });
    // The enforcement report holds the codes the recall covers; openFDA often publishes it later.
    db.run(sql`INSERT INTO enforcement_reports (recall_number, raw, first_seen_at, updated_at)
      VALUES ('Z-2103-2024', '{"recall_number":"Z-2103-2024","code_info":"Serial numbers 1 to 5"}', 'now', 'now')`);
    expect(await match()).toMatchObject({ recallsMatched: 1, assetsMatched: 0 });
    expect(await match()).toMatchObject({ recallsMatched: 0, assetsMatched: 0 });
  });

  it('when a pair is dismissed, then neither an incremental run nor a full run suggests it again', async () => {
    await matched();
    expect(decideOn('BME-1001', 'Z-2101-2024', 'dismissed', 'pump is out for repair')).toEqual({
      decision: 'dismissed',
      learnedAlias: null,
    });
    const rest = firstPairs.filter((p) => !p.startsWith('BME-1001 '));
    expect(pairs()).toEqual(rest);

    // The asset moves: nothing matching reads has changed, so nothing is read again.
    loadInventory(inventoryCsv.replace('Infusion pump controller,ICU,', 'Infusion pump controller,CCU,'));
    expect(await match()).toMatchObject({ recallsMatched: 0, assetsMatched: 0 });
    // Its serial number is corrected: the run reads it against every recall again.
    loadInventory(inventoryCsv.replace(',12840771,', ',12840772,'));
    expect(await match()).toMatchObject({ recallsMatched: 0, assetsMatched: 1 });
    expect(pairs()).toEqual(rest);

    // The recall is revised: the run reads it against every asset again.
    const revision = readEnvelope(path.join(fixtures, 'recalls.json'));
    const alaris = revision.results.find((r) => r.product_res_number === 'Z-2101-2024')!;
    revision.results = [{ ...alaris, code_info: 'All serial numbers; units serviced after May 2024 too.' }];
    const revised = path.join(tempDir(), 'device-recall-revision.json');
    fs.writeFileSync(revised, JSON.stringify(revision));
    await loadRecalls(revised);
    expect(await match()).toMatchObject({ recallsMatched: 1, assetsMatched: 0 });
    expect(pairs()).toEqual(rest);

    expect(await match(true)).toMatchObject({ full: true, pairs: rest.length });
    expect(pairs()).toEqual(rest);
    expect(db.select().from(matchDecisions).all()).toEqual([
      {
        assetTag: 'BME-1001',
        productResNumber: 'Z-2101-2024',
        decision: 'dismissed',
        decidedBy: 'J. Rivera',
        decidedAt: expect.any(String),
        note: 'pump is out for repair',
        reason: 'not_in_service',
        suggestion: expect.objectContaining({ confidence: 'high' }),
      },
    ]);
  });

  it('when a dismissal is undone, then the pair is suggested again as it was, and a later run keeps it', async () => {
    await matched();
    const before = find('BME-1001', 'Z-2101-2024')!;
    decideOn('BME-1001', 'Z-2101-2024', 'dismissed', 'pump is out for repair');
    expect(find('BME-1001', 'Z-2101-2024')).toBeUndefined();
    undoDismissal(
      db,
      { assetTag: 'BME-1001', productResNumber: 'Z-2101-2024' },
      { name: 'J. Rivera' },
      now(),
    );
    expect(find('BME-1001', 'Z-2101-2024')).toEqual(before);
    expect(db.select().from(matchDecisions).all()).toEqual([]);
    expect(await match(true)).toMatchObject({ full: true });
    expect(pairs()).toEqual(firstPairs);
    expect(() =>
      undoDismissal(
        db,
        { assetTag: 'BME-1001', productResNumber: 'Z-2101-2024' },
        { name: 'J. Rivera' },
        now(),
      ),
    ).toThrow('BME-1001 is not dismissed from recall Z-2101-2024');
  });

  it('when a dismissal gives no reason, or "other" without words, then nothing is recorded', async () => {
    await matched();
    const pair = { assetTag: 'BME-1001', productResNumber: 'Z-2101-2024' };
    expect(() => decide(db, pair, 'dismissed', { name: 'J. Rivera' }, now())).toThrow(
      /^say why the recall does not apply/,
    );
    expect(() => decide(db, pair, 'dismissed', { name: 'J. Rivera', reason: 'other' }, now())).toThrow(
      'for "other", write the reason in the note',
    );
    expect(db.select().from(matchDecisions).all()).toEqual([]);
    expect(find('BME-1001', 'Z-2101-2024')).toBeDefined();
  });

  it('when a pair is confirmed, then it keeps its suggestion after the asset changes so the engine no longer finds it', async () => {
    await matched();
    // Stryker and Physio-Control are one family already: nothing to learn.
    expect(decideOn('BME-1003', 'Z-2102-2024', 'confirmed')).toEqual({
      decision: 'confirmed',
      learnedAlias: null,
    });
    const confirmed = find('BME-1003', 'Z-2102-2024')!;
    expect(confirmed.status).toBe('confirmed');

    // The same correction that withdraws an undecided suggestion (see above).
    loadInventory(inventoryCsv.replace('BME-1003,Stryker,LIFEPAK 20,', 'BME-1003,Stryker,LIFEPAK 15,'));
    expect(await match()).toMatchObject({ assetsMatched: 1, pairs: 0 });
    expect(find('BME-1003', 'Z-2102-2024')).toEqual(confirmed);
    await match(true);
    expect(find('BME-1003', 'Z-2102-2024')).toEqual(confirmed);
    expect(pairs()).toEqual(firstPairs);
  });

  it('when a person confirms a pair the engine never suggested, then it is listed as confirmed and kept by every later run', async () => {
    await matched();
    expect(find('BME-1011', 'Z-2108-2024')).toBeUndefined();
    decideOn('BME-1011', 'Z-2108-2024', 'confirmed', 'the recall letter lists our Protektor32 too');
    const found = find('BME-1011', 'Z-2108-2024')!;
    expect(found).toMatchObject({ status: 'confirmed', confidence: 'low' });
    expect(found.reasons).toEqual(['confirmed by J. Rivera; not suggested by the matching engine']);

    await match();
    await match(true);
    expect(find('BME-1011', 'Z-2108-2024')).toEqual(found);
  });

  it('when a confirmed pair crosses two firm names the alias table does not know, then the alias is learned and later matches give it as the reason', async () => {
    await matched();
    expect(find('BME-1010', 'Z-2108-2024')!.reasons).toContain('firm differs (Natus / excel tech)');
    expect(decideOn('BME-1010', 'Z-2108-2024', 'confirmed', 'XLTEK is a Natus brand')).toEqual({
      decision: 'confirmed',
      learnedAlias: 'natus = excel',
    });
    expect(
      db
        .select({ name: firmAliases.name, family: firmAliases.family, by: firmAliases.createdBy })
        .from(firmAliases)
        .where(eq(firmAliases.source, 'confirmed'))
        .all(),
    ).toEqual([{ name: 'natus', family: 'excel', by: 'J. Rivera' }]);

    // Without the confirmation this pair is medium, its firms differing (see the incremental test).
    await loadRecalls('recalls-later.json');
    await match();
    const later = find('BME-1011', 'Z-2111-2024')!;
    expect(later.confidence).toBe('high');
    expect(later.reasons).toContain('firm: natus = excel (excel family, by alias)');
    expect(later.reasons).not.toContain('firm differs (Natus / excel tech)');

    // A second confirmation between the same firms has nothing new to teach.
    expect(decideOn('BME-1011', 'Z-2111-2024', 'confirmed').learnedAlias).toBeNull();
    expect(db.select().from(firmAliases).where(eq(firmAliases.source, 'confirmed')).all()).toHaveLength(1);
  });
});
