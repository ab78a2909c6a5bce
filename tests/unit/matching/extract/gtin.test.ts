import { describe, expect, it } from 'vitest';
import { gtin14, hasValidCheckDigit, normaliseIdentifier } from '../../../../src/matching/extract';

describe('GS1 check digits', () => {
  it('when a GTIN-14 carries its right check digit, then it is valid, and one digit off is not', () => {
    expect(hasValidCheckDigit('00844505000772')).toBe(true);
    expect(hasValidCheckDigit('00844505000773')).toBe(false);
    expect(hasValidCheckDigit('10614559103715')).toBe(true);
  });

  it('when a GTIN is 12 or 13 digits, then it is padded to 14 with its check digit unchanged', () => {
    expect(gtin14('380041087704')).toBe('00380041087704');
    expect(gtin14('4049098054409')).toBe('04049098054409');
  });

  it('when digits fail the check or are the wrong length, then there is no GTIN', () => {
    expect(gtin14('12345678901234')).toBeNull();
    expect(gtin14('1234567890')).toBeNull();
    expect(gtin14('0084450500077A')).toBeNull();
  });
});

describe('normaliseIdentifier', () => {
  it('when identifiers differ only in case, spaces, dashes, dots or slashes, then they normalise alike', () => {
    expect(normaliseIdentifier('64 87 800')).toBe('6487800');
    expect(normaliseIdentifier('TJF-Q180V')).toBe('TJFQ180V');
    expect(normaliseIdentifier('08H67-01')).toBe('08H6701');
    expect(normaliseIdentifier('k6870.20.us.l')).toBe('K687020USL');
    expect(normaliseIdentifier('IN4130/CNK')).toBe('IN4130CNK');
    expect(normaliseIdentifier('DAR\u20138000f')).toBe('DAR8000F');
  });
});
