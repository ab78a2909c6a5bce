import { describe, expect, it } from 'vitest';
import { type Mention, recallIdentifiers } from '../../../../src/matching/extract';

// Short texts written for these tests in the shapes FDA recall texts take; the real texts are
// read in real-recalls.test.ts.
const described = (productDescription: string) => recallIdentifiers({ productDescription });
const coded = (codeInfo: string) => recallIdentifiers({ codeInfo });
const values = (mentions: Mention[]) => mentions.map((m) => m.value);

describe('models, catalog and part numbers', () => {
  it('when a model follows its label, then the model is read and the prose after it is not', () => {
    expect(values(described('Infusion pump Model 8015 with logic board').models)).toEqual(['8015']);
    expect(values(described('Monitor, Model No. 91496-M.  Sterile.').models)).toEqual(['91496-M']);
    expect(values(described('Imager, Model #: DAR-8000f').models)).toEqual(['DAR-8000f']);
    expect(values(described('Stretcher, Model 1069, Acme Medical, Portage, MI 49002').models)).toEqual([
      '1069',
    ]);
  });

  it('when models are listed with commas and "and", then each is read, names included', () => {
    expect(values(described('C-Arm, Models: 715 Prime, 785 Essential, and 865 Plus.').models)).toEqual([
      '715 Prime',
      '785 Essential',
      '865 Plus',
    ]);
    expect(values(described('Defibrillator, model 8042, 8042B and 8042U.').models)).toEqual([
      '8042',
      '8042B',
      '8042U',
    ]);
  });

  it('when catalog numbers are labelled Catalog No., Cat. #, REF, List, Article or Product number, then they are catalog numbers', () => {
    expect(values(described('Monitor, Catalog No. 92-10010').catalogNumbers)).toEqual(['92-10010']);
    expect(values(described('Epi head, Cat. #ZXP32040, nonsterile').catalogNumbers)).toEqual(['ZXP32040']);
    expect(values(described('Catheter kit, REF AK-25502').catalogNumbers)).toEqual(['AK-25502']);
    expect(values(described('Analyzer, List Number 08H67-01').catalogNumbers)).toEqual(['08H67-01']);
    expect(values(described('Ventilator; Article number 64 87 800').catalogNumbers)).toEqual(['64 87 800']);
    expect(
      values(described('Monitor, Product numbers PM35MN02, PM35MN01 - Product Usage: x').catalogNumbers),
    ).toEqual(['PM35MN02', 'PM35MN01']);
  });

  it('when part numbers are labelled Part No. or P/N, then they are part numbers', () => {
    expect(values(described('Scanner, Part No. 350587-32, 350587-41.').partNumbers)).toEqual([
      '350587-32',
      '350587-41',
    ]);
    expect(values(described('ELISA kit. P/N: K6870   20 Plates').partNumbers)).toEqual(['K6870']);
  });

  it('when one label names two kinds, then the values count as both', () => {
    const ids = described('Stapes piston    Model/Catalog Number: 409-375      Product Description: x');
    expect(values(ids.models)).toEqual(['409-375']);
    expect(values(ids.catalogNumbers)).toEqual(['409-375']);
  });

  it('when a mention comes from a field, then its source says which', () => {
    const ids = recallIdentifiers({
      productDescription: 'Pump, REF 1234-56',
      codeInfo: 'Catalog number 1234-56; Lot 7890',
      reasonForRecall: 'Model 8015 pumps may alarm.',
    });
    expect(ids.catalogNumbers).toEqual([
      { value: '1234-56', source: 'product_description' },
      { value: '1234-56', source: 'code_info' },
    ]);
    expect(ids.models).toEqual([{ value: '8015', source: 'reason_for_recall' }]);
  });
});

describe('UDI device identifiers', () => {
  it('when a GTIN follows (01), UDI, UDI-DI, GTIN or DI, then it is a DI, once', () => {
    const ids = coded(
      'Model/Catalog Number: 409-375 UDI code: (01)00844505000772(10)122927(17)310301 Lot Number: 122927',
    );
    expect(ids.udiDis).toEqual(['00844505000772']);
    expect(coded('UDI: (01) 04050598000582 PN K6870').udiDis).toEqual(['04050598000582']);
    expect(coded('UDI-DI: 00382904441500;').udiDis).toEqual(['00382904441500']);
    expect(described('Generator, GTIN 10614559103715').udiDis).toEqual(['10614559103715']);
  });

  it('when a labelled GTIN has 12 or 13 digits, then it is padded to 14', () => {
    expect(described('Moisturizer; UPC 380041087704').udiDis).toEqual(['00380041087704']);
  });

  it('when a bare 14-digit number passes the check digit, then it is a DI; when it fails, it is not', () => {
    expect(described('Infusion set 10885403232565 with filter').udiDis).toEqual(['10885403232565']);
    expect(described('Infusion set 10885403232566 with filter').udiDis).toEqual([]);
  });

  it('when a 14-digit serial is listed as a serial, then it is not taken for a DI', () => {
    const ids = coded('Serial numbers: 10885403232565, 12345678901234');
    expect(ids.udiDis).toEqual([]);
    expect(ids.serials.values).toEqual(['10885403232565', '12345678901234']);
  });

  it('when digits belong to a HIBCC code or are glued to letters, then they are not a DI', () => {
    expect(described('UDI: +M572TPS1111111021/$$+31712310398482').udiDis).toEqual([]);
    expect(described('Catheter, UPN H74939186251210').udiDis).toEqual([]);
  });

  it('when a full UDI in code_info carries (10) and (21), then they are a lot and a serial', () => {
    const ids = coded('(01)00842429111062(11)250819(17)280731(10)0001218734(21)SN77');
    expect(ids.lots.values).toEqual(['0001218734']);
    expect(ids.serials.values).toEqual(['SN77']);
  });
});

describe('lots and serials', () => {
  it('when lots are listed with commas, "&" or "and", then each is read and the list is complete', () => {
    expect(coded('Lot/Batch Numbers: 13F18C0374, 13F18H0580,  13F18D0504').lots).toMatchObject({
      values: ['13F18C0374', '13F18H0580', '13F18D0504'],
      ranges: [],
      complete: true,
    });
    expect(coded('Catalogue #809600, Lot #978933 & 978934').lots.values).toEqual(['978933', '978934']);
    expect(coded('Lot Numbers: 239006-B and 238997-B').lots.values).toEqual(['239006-B', '238997-B']);
  });

  it('when lots are separated by spaces, tabs or expiry dates, then the dates are not lots', () => {
    expect(coded('Lot Numbers: 5178119 5188905 5192526').lots.values).toEqual([
      '5178119',
      '5188905',
      '5192526',
    ]);
    expect(coded('Lot Numbers/Expiration Dates:  59313\t4/12/2015 59483\t7/22/2015').lots.values).toEqual([
      '59313',
      '59483',
    ]);
    expect(
      coded('Lots:  66160001; exp. 12/31/06; 66395101, exp. 2/28/07 and 68049501, exp. 10/31/08.').lots
        .values,
    ).toEqual(['66160001', '66395101', '68049501']);
  });

  it('when a range is written with to, through, thru or a dash, then it is a range', () => {
    expect(coded('Lot 1234 through 1250').lots.ranges).toEqual([{ from: '1234', to: '1250' }]);
    expect(
      coded('serial numbers 0400000501 to 0700032917; 10C00200000 to 10C00210106').serials.ranges,
    ).toEqual([
      { from: '0400000501', to: '0700032917' },
      { from: '10C00200000', to: '10C00210106' },
    ]);
    expect(coded('Serial Numbers:  RRFK00036 - RRFK00128.').serials.ranges).toEqual([
      { from: 'RRFK00036', to: 'RRFK00128' },
    ]);
    expect(coded('S/N: 100016, 100018 -100025').serials).toMatchObject({
      values: ['100016'],
      ranges: [{ from: '100018', to: '100025' }],
      complete: true,
    });
  });

  it('when a serial is written as two numbers of one shape joined by a hyphen, then it is kept both ways', () => {
    expect(coded('Serial Numbers: 60S09121, 60S09123-60S09129.').serials).toMatchObject({
      values: ['60S09121', '60S09123-60S09129'],
      ranges: [{ from: '60S09123', to: '60S09129' }],
      complete: true,
    });
  });

  it('when the list says including or such as, then it is not complete', () => {
    expect(
      coded('Lot or serial numbers include, but not limited to: 0001234WK9, 0001235WK9').serials.complete,
    ).toBe(false);
    expect(coded('Affected units, such as serial numbers 1001, 1002').serials.complete).toBe(false);
  });

  it('when only one end of a range is given, then nothing is listed and the list is not complete', () => {
    expect(coded('Serial number: to (incl.) 100143048.').serials).toMatchObject({
      values: [],
      ranges: [],
      complete: false,
    });
    expect(coded('Systems with Serial Number less than 3412').serials.complete).toBe(false);
  });

  it('when the list names the exceptions, then they are not read as affected', () => {
    expect(coded('All lots except lot numbers 1234 and 1235').lots).toMatchObject({
      values: [],
      ranges: [],
      complete: false,
    });
  });

  it('when code_info is cut off mid-list, then the fragment is dropped and the list is not complete', () => {
    expect(coded('Serial Numbers: 33181888, 33648604, 33648620, 3300').serials).toMatchObject({
      values: ['33181888', '33648604', '33648620'],
      ranges: [],
      complete: false,
    });
    expect(coded('Lot No. 02053SN, 02062SN, 03307SN,').lots.complete).toBe(false);
    expect(coded('Kit lots 0333 and').lots.complete).toBe(false);
    expect(coded('Batch Numbers: 20044 8401230 20110777 5').lots).toMatchObject({
      values: ['20044', '8401230', '20110777'],
      ranges: [],
      complete: false,
    });
  });

  it('when a serial list ends in an ellipsis or "etc.", then it is not complete and says so', () => {
    for (const text of [
      'Serial Numbers: 10293, 10294, 10301 …',
      'Serial Numbers: 10293, 10294, 10301, etc.',
    ]) {
      const serials = coded(text).serials;
      expect(serials.values.slice(0, 3)).toEqual(['10293', '10294', '10301']);
      expect(serials.complete).toBe(false);
      expect(serials.doubts.length).toBeGreaterThan(0);
    }
  });

  it('when a serial is written with a wildcard, then it is a pattern, not a serial, and the list is not complete', () => {
    for (const [text, prefix, length] of [
      ['Serial Numbers: 1234xxxx', '1234', 8],
      ['Serial Numbers: 4410*, 4420*', '4410', null],
    ] as const) {
      const serials = coded(text).serials;
      expect(serials.values).toEqual([]);
      expect(serials.wildcards[0]).toMatchObject({ prefix, length });
      expect(serials.complete).toBe(false);
    }
  });

  it('when a full UDI line shows a placeholder or a layout, then its (10) is no lot', () => {
    const lots = coded('UDI format: (01)00884450645161(10)XXXXXX').lots;
    expect(lots.values).toEqual([]);
    expect(lots.doubts[0]?.why).toBe("the text shows a label's layout, not the lots");
    expect(coded('UDI: (01)00884450645161(17)280731(10)0001218734').lots.values).toEqual(['0001218734']);
  });

  it('when code_info overflows into more_code_info, then a lot split across the two is read whole', () => {
    const ids = recallIdentifiers({ codeInfo: 'Lot Numbers: 5178119, 51889', moreCodeInfo: '05, 5192526' });
    expect(ids.lots.values).toEqual(['5178119', '5188905', '5192526']);
  });

  it('when the reason for recall mentions a lot, then it is not taken as the list of affected lots', () => {
    expect(
      recallIdentifiers({ reasonForRecall: 'A complaint was received for lot 1234.' }).lots.values,
    ).toEqual([]);
  });

  it('when there is no text at all, then nothing is found and nothing is complete', () => {
    const ids = recallIdentifiers({ productDescription: null, codeInfo: '' });
    expect(ids).toEqual({
      models: [],
      catalogNumbers: [],
      partNumbers: [],
      udiDis: [],
      lots: { values: [], ranges: [], complete: false, wildcards: [], doubts: [], quote: null },
      serials: { values: [], ranges: [], complete: false, wildcards: [], doubts: [], quote: null },
      coverage: { all: null, doubts: [], codes: null },
      softwareVersions: [],
    });
  });
});
