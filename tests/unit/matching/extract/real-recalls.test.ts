import { beforeAll, expect, it } from 'vitest';
import {
  hasValidCheckDigit,
  identifierMatches,
  type Mention,
  type RecallTextFields,
  recallIdentifiers,
  versionAffected,
} from '../../../../src/matching/extract';
import { byRecallNumber, cfresRecalls, exampleRecalls, excerptRecalls } from '../../../support/real-recalls';
import { describeWithRealData } from '../../../support/shared';

// Each test looks a real recall up by its number in ../shared/data/openfda and checks what is read
// from its text; the texts themselves stay in ../shared.
const values = (mentions: Mention[]) => mentions.map((m) => m.value);

describeWithRealData('reading real FDA recall texts', () => {
  let corpus: Awaited<ReturnType<typeof cfresRecalls>>;
  let cfres: (key: string) => RecallTextFields;
  let excerpt: (key: string) => RecallTextFields;
  let example: (key: string) => RecallTextFields;
  beforeAll(async () => {
    corpus = await cfresRecalls();
    cfres = byRecallNumber(corpus);
    excerpt = excerptRecalls();
    example = exampleRecalls();
  });
  const read = (fields: RecallTextFields) => recallIdentifiers(fields);

  it('when models are listed with "and" (Z-0066-2014), then each model is read with its name', () => {
    expect(values(read(cfres('Z-0066-2014')).models)).toEqual(['715 Prime', '785 Essential', '865 Plus']);
  });

  it('when model and catalog labels carry the numbers (Z-2060-2018, Z-1569-2014, Z-1817-2013), then each kind gets its own', () => {
    expect(values(read(cfres('Z-2060-2018')).models)).toEqual(['DAR-8000f']);
    expect(values(read(cfres('Z-1569-2014')).catalogNumbers)).toEqual(['DAR-8000f']);
    expect(values(read(cfres('Z-1817-2013')).catalogNumbers)).toEqual(['92-10010']);
  });

  it('when catalog numbers come as an article, list or product number (Z-2628-2011, Z-1064-2009, Z-0515-2021), then they are catalog numbers', () => {
    expect(values(read(cfres('Z-2628-2011')).catalogNumbers)).toEqual(['64 87 800']);
    expect(values(read(cfres('Z-1064-2009')).catalogNumbers)).toEqual(['08H67-01']);
    expect(values(read(cfres('Z-0515-2021')).catalogNumbers)).toEqual([
      'PM35MN02',
      'PM35MN01',
      'PM35MN05',
      'DLPM35MN02',
    ]);
  });

  it('when part numbers are listed (Z-0814-2016) or given as ranges (Z-0185-2012), then each end is a part number', () => {
    expect(values(read(cfres('Z-0814-2016')).partNumbers)).toEqual(['350587-32', '350587-41', '351377-32']);
    const parts = values(read(excerpt('Z-0185-2012')).partNumbers);
    expect(parts.slice(0, 4)).toEqual(['3202487-000', '3202487-012', '3202487-014', '3202487-027']);
  });

  it('when model and version are named (Z-1098-2013), then 9.12 is affected and 9.5 is not', () => {
    const ids = read(cfres('Z-1098-2013'));
    expect(ids.models).toContainEqual({ value: '8015', source: 'product_description' });
    expect(ids.models).toContainEqual({ value: '8015', source: 'reason_for_recall' });
    expect(ids.softwareVersions).toEqual([{ version: '9.12', qualifier: 'exact' }]);
    expect(versionAffected(ids.softwareVersions, '9.12')).toBe('yes');
    expect(versionAffected(ids.softwareVersions, '9.5')).toBe('no');
  });

  it('when a version is given "or earlier" beside another (Z-0202-2018), then both are read', () => {
    const ids = read(cfres('Z-0202-2018'));
    expect(ids.softwareVersions).toEqual([
      { version: '2.6', qualifier: 'exact' },
      { version: '2.0.7', qualifier: 'or-earlier' },
    ]);
    expect(versionAffected(ids.softwareVersions, '2.0.5')).toBe('yes');
    expect(versionAffected(ids.softwareVersions, '2.1')).toBe('no');
  });

  it('when lettered versions are listed (Z-1392-2011), then VA10B is affected and VB10 is not', () => {
    const ids = read(cfres('Z-1392-2011'));
    expect(ids.softwareVersions.map((v) => v.version)).toEqual([
      'VA10',
      'VA10A',
      'VA10B',
      'VA10C',
      'VA15',
      'VA15A',
      'VA15B',
      'VA16',
      'VA16A',
    ]);
    expect(versionAffected(ids.softwareVersions, 'VA10B')).toBe('yes');
    expect(versionAffected(ids.softwareVersions, 'VB10')).toBe('no');
  });

  it('when versions are bounded or ranged (Z-0277-2020, Z-0961-2008, Z-1149-2013, Z-2125-2011, Z-1131-2010), then the bound is kept', () => {
    expect(read(cfres('Z-0277-2020')).softwareVersions).toEqual([
      { version: '7.21', qualifier: 'or-earlier', exclusive: true },
    ]);
    expect(read(cfres('Z-0961-2008')).softwareVersions).toEqual([
      { version: '3.02', qualifier: 'or-earlier', exclusive: true },
    ]);
    expect(read(cfres('Z-1149-2013')).softwareVersions).toEqual([
      { version: '3.3.0.0', qualifier: 'or-earlier' },
    ]);
    expect(read(cfres('Z-2125-2011')).softwareVersions).toEqual([
      { version: '8.0', qualifier: 'range', upTo: '8.9' },
    ]);
    expect(read(cfres('Z-1131-2010')).softwareVersions).toEqual([
      { version: '3.0.x.x', qualifier: 'or-later' },
    ]);
  });

  it('when the reason names the fix version (Z-0515-2021), then no version is read', () => {
    expect(read(cfres('Z-0515-2021')).softwareVersions).toEqual([]);
  });

  it('when software revisions are "up to and including" (Z-0854-2019), then later revisions are not affected', () => {
    const ids = read(excerpt('Z-0854-2019'));
    expect(ids.softwareVersions).toEqual([{ version: 'A.07.05.22', qualifier: 'or-earlier' }]);
    expect(versionAffected(ids.softwareVersions, 'A.07.05.20')).toBe('yes');
    expect(versionAffected(ids.softwareVersions, 'A.07.06.01')).toBe('no');
  });

  it('when serial ranges are written with "to" (Z-0124-2013), then a numeric range answers and a coded one stays unknown', () => {
    const { serials } = read(cfres('Z-0124-2013'));
    expect(serials.ranges).toEqual([
      { from: '0400000501', to: '0700032917' },
      { from: '08A00035000', to: '10A0070753' },
      { from: '10C00200000', to: '10C00210106' },
    ]);
    expect(identifierMatches(serials, '0500000000')).toBe('in');
    expect(identifierMatches(serials, '10C00205000')).toBe('in');
    expect(identifierMatches(serials, '09A00050000')).toBe('unknown');
  });

  it('when serials mix a value and a "through" range (Z-0167-2011), then both are read and the list is complete', () => {
    const { serials } = read(cfres('Z-0167-2011'));
    expect(serials).toMatchObject({
      values: ['91001'],
      ranges: [{ from: '91003', to: '91010' }],
      complete: true,
    });
    expect(identifierMatches(serials, '91005')).toBe('in');
    expect(identifierMatches(serials, '91002')).toBe('out');
  });

  it('when serial ranges use "through", "thru", a spaced dash or a glued dash (Z-3124-2011, Z-0088-2009, Z-0520-06, Z-2460-2010), then each is a range', () => {
    expect(read(cfres('Z-3124-2011')).serials.ranges).toEqual([{ from: '400001', to: '405005' }]);
    const thru = read(excerpt('Z-0088-2009')).serials;
    expect(thru.ranges).toEqual([{ from: 'DB100527', to: 'DB101305' }]);
    expect(identifierMatches(thru, 'DB100600')).toBe('in');
    expect(identifierMatches(thru, 'DB101306')).toBe('out');
    expect(read(excerpt('Z-0520-06')).serials.ranges).toEqual([{ from: 'RRFK00036', to: 'RRFK00128' }]);
    expect(read(cfres('Z-2460-2010')).serials.ranges).toEqual([{ from: '100018', to: '100025' }]);
  });

  it('when lots are listed up to a final "&" (Z-0298-2011, Z-0418-05), then the last lot is read too', () => {
    const lots = read(cfres('Z-0298-2011')).lots;
    expect(lots.values).toHaveLength(26);
    expect(lots.values.at(-1)).toBe('G4TV7C');
    expect(read(excerpt('Z-0418-05')).lots.values).toEqual(['978933', '978934']);
  });

  it('when serials end with "&" and the description names a version (Z-0033-2012), then all eleven serials are read', () => {
    const ids = read(cfres('Z-0033-2012'));
    expect(ids.serials.values).toHaveLength(11);
    expect(ids.serials.values.at(-1)).toBe('5113091012');
    expect(ids.serials.complete).toBe(true);
    expect(ids.softwareVersions).toEqual([{ version: '7.1', qualifier: 'exact' }]);
  });

  it('when lots sit between expiry dates (Z-0356-2007, Z-0194-2017), then no date is a lot', () => {
    expect(read(excerpt('Z-0356-2007')).lots.values).toEqual([
      '66160001',
      '66395101',
      '67306401',
      '66954901',
      '67589901',
      '68049501',
    ]);
    const lots = read(excerpt('Z-0194-2017')).lots.values;
    expect(lots.slice(0, 3)).toEqual(['59313', '59483', '59876']);
    expect(lots.every((lot) => /^\d{5}$/.test(lot))).toBe(true);
  });

  it('when lots are in brackets after catalog numbers (Z-0189-2012), then lots and catalog numbers are told apart', () => {
    const ids = read(excerpt('Z-0189-2012'));
    expect(ids.lots.values).toEqual(['97642UN11', '97668UN11']);
    expect(values(ids.catalogNumbers)).toEqual(['7D75-21', '7D75-31']);
  });

  it('when code_info holds catalog, UDI and lot (Z-2308-2026), then each is read once', () => {
    const ids = read(example('Z-2308-2026'));
    expect(ids.udiDis).toEqual(['00844505000772']);
    expect(ids.lots).toMatchObject({ values: ['122927'], ranges: [], complete: true });
    expect(ids.models).toContainEqual({ value: '409-375', source: 'code_info' });
    expect(ids.catalogNumbers).toContainEqual({ value: '409-375', source: 'product_description' });
  });

  it('when serials end with "&" (Z-0198-2018), then all seven are read and others are out', () => {
    const { serials } = read(example('Z-0198-2018'));
    expect(serials.values).toEqual(['AP0447', 'AP0448', 'AP0449', 'AP0450', 'AP0451', 'AP0458', 'AP0463']);
    expect(identifierMatches(serials, 'AP0463')).toBe('in');
    expect(identifierMatches(serials, 'AP0452')).toBe('out');
  });

  it('when the UDI has a space after (01) and P/N labels repeat (Z-1603-2023), then DI, parts and lots are read', () => {
    const ids = read(example('Z-1603-2023'));
    expect(ids.udiDis).toEqual(['04050598000582']);
    expect(values(ids.partNumbers)).toEqual(['K6870', 'K6870.20.US.L', 'K6870', 'K6870.20.US.L']);
    expect(ids.lots.values).toEqual(['220706', '221122', '221124', '230102']);
  });

  it('when lot/batch numbers are listed (Z-0053-2020), then all nine are read with the REF', () => {
    const ids = read(example('Z-0053-2020'));
    expect(ids.lots.values).toHaveLength(9);
    expect(ids.lots.complete).toBe(true);
    expect(values(ids.catalogNumbers)).toEqual(['AK-25502']);
  });

  it('when a UDI-DI code and a DI label are written (Z-0174-2023, Z-2099-2023, Z-1678-2022), then the DI is read', () => {
    expect(read(excerpt('Z-0174-2023')).udiDis).toEqual(['00382903835164']);
    expect(read(excerpt('Z-2099-2023')).udiDis).toEqual(['00382904441500']);
    const ids = read(excerpt('Z-1678-2022'));
    expect(ids.udiDis).toEqual(['00841132179468']);
    expect(ids.lots.values).toEqual(['239006-B', '238997-B']);
  });

  it('when GTINs are listed one per kit (Z-1219-2018), then ten DIs are read', () => {
    const dis = read(cfres('Z-1219-2018')).udiDis;
    expect(dis).toHaveLength(10);
    expect(dis[0]).toBe('10603295001614');
  });

  it('when a GS1 element string has no brackets (Z-0480-2019), then its DI is read and the table is not taken as serials', () => {
    const ids = read(excerpt('Z-0480-2019'));
    expect(ids.udiDis).toEqual(['00840682116855']);
    expect(ids.serials.values).toEqual([]);
  });

  it('when a number fails its check digit or is not a GTIN (Z-2266-2013, Z-1222-2019, Z-1849-2020, Z-0969-2014, Z-0600-2018, Z-0899-2022), then it is no DI', () => {
    expect(read(cfres('Z-2266-2013')).udiDis).toEqual([]); // a 14-digit model number that fails the check
    expect(read(cfres('Z-1222-2019')).udiDis).toEqual([]); // 13 digits after "UDI" that fail it
    expect(read(cfres('Z-1849-2020')).udiDis).toEqual(['10818788021493']); // its other "(01)" number fails
    expect(read(cfres('Z-0969-2014')).udiDis).toEqual([]); // UPN H74939186251210
    expect(read(cfres('Z-0600-2018')).udiDis).toEqual([]); // HIBCC
    expect(read(excerpt('Z-0899-2022')).udiDis).toEqual([]); // HIBCC
  });

  it('when code_info is cut off mid-list (Z-0295-2007, Z-0400-2017, Z-0543-04, Z-0081-2017, Z-0004-2012), then the fragment is dropped and the list is not complete', () => {
    const serials = read(excerpt('Z-0295-2007')).serials;
    expect(serials.complete).toBe(false);
    expect(serials.values.at(-1)).toBe('33004082');
    const batches = read(excerpt('Z-0400-2017')).lots;
    expect(batches.complete).toBe(false);
    expect(batches.values.at(-1)).toBe('50705398');
    expect(read(excerpt('Z-0543-04')).lots.complete).toBe(false);
    expect(read(excerpt('Z-0081-2017')).lots).toMatchObject({
      values: ['0333'],
      ranges: [],
      complete: false,
    });
    const pumps = read(excerpt('Z-0004-2012')).serials;
    expect(pumps.complete).toBe(false);
    expect(identifierMatches(pumps, '1010145')).toBe('in');
    expect(identifierMatches(pumps, '9999999')).toBe('unknown');
  });

  it('when a cut-off list of UDIs carries (10) lots (Z-2912-2026), then the DI is read once and the lots are not complete', () => {
    const ids = read(excerpt('Z-2912-2026'));
    expect(ids.udiDis).toEqual(['00842429111062']);
    expect(ids.lots.values[0]).toBe('0001218734');
    expect(ids.lots.complete).toBe(false);
  });

  it('when code_info says "include, but not limited to" (Z-0770-2016), then lots and serials are not complete', () => {
    const ids = read(excerpt('Z-0770-2016'));
    expect(ids.serials.values[0]).toBe('00001031869WK9');
    expect(ids.serials.complete).toBe(false);
    expect(identifierMatches(ids.serials, 'XYZ')).toBe('unknown');
  });

  it('when code_info is a table headed Reference/UDI/Lot (Z-1123-2026), then the DI is read and no column is guessed', () => {
    const ids = read(excerpt('Z-1123-2026'));
    expect(ids.udiDis).toEqual(['00884450645161']);
    expect(ids.lots.values).toEqual([]);
    expect(values(ids.catalogNumbers).slice(0, 2)).toEqual(['ENDO-AN2030/B', 'IN4130/CNK']);
  });

  it('when serials are three-digit numbers separated by spaces (Z-0582-04), then each is a serial', () => {
    const serials = read(excerpt('Z-0582-04')).serials;
    expect(serials.values).toHaveLength(38);
    expect(serials.values.slice(0, 3)).toEqual(['724', '215', '765']);
  });

  it('when all 31,960 cfRES recalls are read, then none throws and the counts are reported', () => {
    const count = {
      recalls: corpus.length,
      models: 0,
      catalogNumbers: 0,
      partNumbers: 0,
      udiDis: 0,
      lots: 0,
      serials: 0,
      softwareVersions: 0,
    };
    for (const record of corpus) {
      const ids = recallIdentifiers({
        productDescription: record.product_description as string | undefined,
        reasonForRecall: record.reason_for_recall as string | undefined,
      });
      if (ids.models.length) count.models++;
      if (ids.catalogNumbers.length) count.catalogNumbers++;
      if (ids.partNumbers.length) count.partNumbers++;
      if (ids.udiDis.length) count.udiDis++;
      if (ids.lots.values.length + ids.lots.ranges.length) count.lots++;
      if (ids.serials.values.length + ids.serials.ranges.length) count.serials++;
      if (ids.softwareVersions.length) count.softwareVersions++;
      expect(ids.udiDis.every(hasValidCheckDigit)).toBe(true);
      for (const set of [ids.lots, ids.serials]) {
        if (set.complete) expect(set.values.length + set.ranges.length).toBeGreaterThan(0);
      }
    }
    console.info('recalls yielding each kind of identifier:', count);
    expect(count.recalls).toBe(31_960);
    expect(count.catalogNumbers).toBeGreaterThan(0);
  }, 120_000);
});
