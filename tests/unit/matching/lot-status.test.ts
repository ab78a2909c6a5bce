import { beforeAll, expect, it } from 'vitest';
import type { RecallTextFields } from '../../../src/matching/extract';
import { aliasKnowledge } from '../../../src/matching/knowledge';
import { lotStatus } from '../../../src/matching/lots';
import { createAssetReader, recallProfile } from '../../../src/matching/profiles';
import { byRecallNumber, cfresRecalls, excerptRecalls } from '../../support/real-recalls';
import { describeWithRealData } from '../../support/shared';

// Each case reads a real recall's own text (from ../shared/data/openfda, looked up at test time)
// against an asset's serial or lot. "Not affected" must only ever come from a list read whole and
// sure of its form; every other form leaves the asset "unknown" or, where the text says "all",
// "affected", and the reason quotes the recall's words.
describeWithRealData('whether an asset is affected, by the form of the recall list', () => {
  let text: (key: string) => RecallTextFields;
  beforeAll(async () => {
    const cfres = byRecallNumber(await cfresRecalls());
    const excerpts = excerptRecalls();
    text = (key) => {
      try {
        return excerpts(key);
      } catch {
        return cfres(key);
      }
    };
  });
  const knowledge = aliasKnowledge();
  const read = createAssetReader(knowledge);
  const status = (key: string, held: { serial?: string; lot?: string }) => {
    const f = text(key);
    const recall = recallProfile(
      {
        productResNumber: key,
        recallingFirm: null,
        productCode: null,
        productDescription: f.productDescription ?? null,
        codeInfo: f.codeInfo ?? null,
        moreCodeInfo: f.moreCodeInfo ?? null,
        reasonForRecall: f.reasonForRecall ?? null,
      },
      knowledge,
    );
    const asset = read({
      assetTag: 'BME-1',
      manufacturer: null,
      model: null,
      catalogNumber: null,
      serialNumber: held.serial ?? null,
      udiDi: null,
      udiLot: held.lot ?? null,
      udiSerial: null,
      productCode: null,
      softwareVersion: null,
    });
    return lotStatus(asset, recall);
  };

  it('when a whole list is read and the serial is not on it (Z-0213-2008), then it is not affected, quoting the list', () => {
    expect(status('Z-0213-2008', { serial: 'H720637' })?.status).toBe('affected');
    const out = status('Z-0213-2008', { serial: 'H720638' });
    expect(out?.status).toBe('not_affected');
    expect(out?.reason).toMatch(
      /^serial H720638 is not among the serial numbers listed \("serial numbers: H720441/,
    );
  });

  it('when a lot list uses a wildcard (Z-0279-2016, "Lot 936405xxx"), then a fitting lot is affected and another unknown', () => {
    expect(status('Z-0279-2016', { lot: '936405123' })).toEqual({
      status: 'affected',
      reason: 'lot 936405123 is listed ("Lot 936405xxx")',
    });
    const other = status('Z-0279-2016', { lot: '936499999' });
    expect(other?.status).toBe('unknown');
    expect(other?.reason).toContain('the list uses a wildcard ("Lot 936405xxx")');
  });

  it('when code_info stops mid-number (Z-0004-2012, Z-0295-2007) or after "and" (Z-0081-2017), then a serial not read is unknown, never not affected', () => {
    for (const [key, serial] of [
      ['Z-0004-2012', '9999999'],
      ['Z-0295-2007', '11111111'],
    ] as const) {
      const verdict = status(key, { serial });
      expect(verdict?.status).toBe('unknown');
      expect(verdict?.reason).toContain('the text stops part-way ("… ');
    }
    expect(status('Z-0004-2012', { serial: '1010145' })?.status).toBe('affected');
    expect(status('Z-0081-2017', { lot: '0333' })?.status).toBe('affected');
    expect(status('Z-0081-2017', { lot: '0334' })?.reason).toContain('("… Kit lots 0333 and")');
  });

  it('when code_info stops inside its own label (Z-0260-05, "The following serial num"), then the asset is unknown with the words it could not read', () => {
    expect(status('Z-0260-05', { serial: '12345' })).toEqual({
      status: 'unknown',
      reason:
        'whether 12345 is affected cannot be told from the recall\'s units: the list could not be read ("serial num")',
    });
  });

  it('when the list says it is not all of them (Z-0770-2016, "include, but not limited to"), then an unlisted serial is unknown', () => {
    const verdict = status('Z-0770-2016', { serial: '00001031869WK8' });
    expect(verdict?.status).toBe('unknown');
    expect(verdict?.reason).toContain(
      'the list says it is not the whole of it ("Lot or serial numbers include, but not limited to',
    );
  });

  it('when the recall says all serials or all lots (Z-0861-05, Z-0439-05, Z-2636-2010), then every asset is affected, quoting it', () => {
    expect(status('Z-0861-05', { serial: '123' })).toEqual({
      status: 'affected',
      reason: 'the recall covers every unit ("All serial numbers")',
    });
    expect(status('Z-0439-05', { serial: '5' })?.reason).toBe(
      'the recall covers every unit ("All lots (serial numbers) are currently under recall")',
    );
    expect(status('Z-2636-2010', {})?.status).toBe('affected');
  });

  it('when "all" goes on to a condition (Z-0119-2007) or units are limited by date (Z-0175-2008), then the asset is unknown', () => {
    expect(status('Z-0119-2007', { serial: '5' })?.reason).toContain(
      'only some units are covered ("All units with a manual configuration (as opposed to a pneumatic configuration)")',
    );
    const dated = status('Z-0175-2008', { serial: '1' });
    expect(dated?.status).toBe('unknown');
    expect(dated?.reason).toContain('units are limited by date ("distributed between 10/27/2005 - 3/31/2006');
  });

  it('when a label layout prints a placeholder lot (Z-2274-2012 "Lot #: XXXX", Z-1898-2020 "LOT 0000000"), then it is no lot and the asset is unknown', () => {
    for (const key of ['Z-2274-2012', 'Z-1898-2020']) {
      expect(status(key, { lot: 'XXXX' })?.status).toBe('unknown');
      expect(status(key, { lot: '0000000' })?.status).toBe('unknown');
    }
    expect(status('Z-1898-2020', { lot: 'A1' })?.reason).toContain(
      "the text shows a label's layout, not the lots",
    );
  });

  it('when code_info lists numbers with no label (Z-0854-2019), then a serial among them is affected and another unknown', () => {
    expect(status('Z-0854-2019', { serial: 'CN11102315' })?.status).toBe('affected');
    const other = status('Z-0854-2019', { serial: 'CN99999999' });
    expect(other?.status).toBe('unknown');
    expect(other?.reason).toContain(
      'numbers listed without saying whether they are lots or serials ("CN11102314 CN11102315',
    );
  });

  it('when lots follow an expiry-date heading (Z-0194-2017), then the lots are read whole and the dates are not lots', () => {
    expect(status('Z-0194-2017', { lot: '59483' })?.status).toBe('affected');
    expect(status('Z-0194-2017', { lot: '4/12/2015' })?.status).toBe('not_affected');
    expect(status('Z-0194-2017', { lot: '11111' })?.status).toBe('not_affected');
  });

  it('when code_info is a table of reference, UDI and lot numbers (Z-1123-2026) or part and lot (Z-0213-2015), then a lot in it is affected and another unknown', () => {
    expect(status('Z-1123-2026', { lot: 'I2617758' })?.status).toBe('affected');
    expect(status('Z-1123-2026', { lot: 'I0000001' })?.reason).toContain(
      'a table of several kinds of number',
    );
    expect(status('Z-0213-2015', { lot: '11CE2' })?.status).toBe('affected');
    expect(status('Z-0213-2015', { lot: '11ZZ9' })?.status).toBe('unknown');
  });

  it('when the asset has its lot in the serial field (Z-0267-2012), then the serial is looked for among the lots, and not finding it leaves it unknown', () => {
    expect(status('Z-0267-2012', { serial: '90514' })).toEqual({
      status: 'affected',
      reason: 'serial 90514 is listed as a lot ("Lot 90225; Lot 90514; Lot 90517")',
    });
    const missing = status('Z-0267-2012', { serial: '11111' });
    expect(missing?.status).toBe('unknown');
    expect(missing?.reason).toBe(
      'the recall lists lots and this asset\'s lot is not on record; its serial 11111 is not among them ("Lot 90225; Lot 90514; Lot 90517")',
    );
  });

  it('when serial ranges stand in a model table (Z-0174-04), then no serial inside or outside them is cleared', () => {
    expect(status('Z-0174-04', { serial: '03D891300' })?.status).toBe('unknown');
    expect(status('Z-0174-04', { serial: '99Z000000' })?.status).toBe('unknown');
  });
});
