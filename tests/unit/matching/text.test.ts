import { describe, expect, it } from 'vitest';
import { compactOf, indexText, occurrences, tokenize, tokenizeGlued } from '../../../src/matching/text';

/** Where a model, written as in a CMMS, occurs in a recall's text. */
const find = (text: string, model: string) => occurrences(indexText(text), compactOf(model));

describe('tokenize', () => {
  it('when a model is written in mixed case with "+", then it reads as upper-case words and PLUS', () => {
    expect(tokenize('HeartStart XL+')).toEqual(['HEARTSTART', 'XL', 'PLUS']);
    expect(tokenize('Servo-i')).toEqual(['SERVO', 'I']);
    expect(tokenize('Alaris PC Unit 8015')).toEqual(['ALARIS', 'PC', 'UNIT', '8015']);
  });

  it('when a name carries accents, trademark signs or their mojibake, then only the words are left', () => {
    expect(tokenize('Dräger Evita® V500™')).toEqual(['DRAGER', 'EVITA', 'V500']);
    expect(tokenize('Infinity(R) Acute Care System')).toEqual(['INFINITY', 'ACUTE', 'CARE', 'SYSTEM']);
    expect(tokenize('SIGMA SPECTRUMÂż Infusion System')).toEqual(['SIGMA', 'SPECTRUM', 'INFUSION', 'SYSTEM']);
    expect(tokenize('Spectrum¿ IQ')).toEqual(['SPECTRUM', 'IQ']);
  });

  it('when a dot stands between digits, then it stays inside the token, and "No.1010" is two tokens', () => {
    expect(tokenize('MAGNETOM Skyra 3.0T, software 2.0.7')).toEqual([
      'MAGNETOM',
      'SKYRA',
      '3.0T',
      'SOFTWARE',
      '2.0.7',
    ]);
    expect(tokenize('Item No.1010')).toEqual(['ITEM', 'NO', '1010']);
    expect(tokenize('Evita V500.')).toEqual(['EVITA', 'V500']);
  });

  it('when there is no text, then there are no tokens', () => {
    expect(tokenize('')).toEqual([]);
    expect(tokenize(null)).toEqual([]);
    expect(tokenize(undefined)).toEqual([]);
    expect(tokenize(' - / ')).toEqual([]);
  });
});

describe('tokenizeGlued', () => {
  it('when a hyphen joins a part to the one before, then that part is marked glued', () => {
    expect(tokenizeGlued('Servo-i')).toEqual([
      { token: 'SERVO', glued: false },
      { token: 'I', glued: true },
    ]);
    expect(tokenizeGlued('TJF-Q180V')).toEqual([
      { token: 'TJF', glued: false },
      { token: 'Q180V', glued: true },
    ]);
    expect(tokenizeGlued('V-PRO maX')).toEqual([
      { token: 'V', glued: false },
      { token: 'PRO', glued: true },
      { token: 'MAX', glued: false },
    ]);
  });

  it('when parts are spaced, or a hyphen stands apart from them, then none is glued', () => {
    expect(tokenizeGlued('CSM - 1901').map((t) => t.glued)).toEqual([false, false]);
    expect(tokenizeGlued('Alaris PC Unit 8015').map((t) => t.glued)).toEqual([false, false, false, false]);
    expect(tokenizeGlued('HeartStart XL+')).toEqual([
      { token: 'HEARTSTART', glued: false },
      { token: 'XL', glued: false },
      { token: 'PLUS', glued: false },
    ]);
  });

  it('when there is no text, then there are no tokens', () => {
    expect(tokenizeGlued('')).toEqual([]);
    expect(tokenizeGlued(null)).toEqual([]);
  });
});

describe('compactOf', () => {
  it('when one code is hyphenated, spaced or run together, then it compacts to one string', () => {
    expect(compactOf('CSM-1901')).toBe('CSM1901');
    expect(compactOf('CSM 1901')).toBe('CSM1901');
    expect(compactOf('csm1901')).toBe('CSM1901');
    expect(compactOf('Article number 64 87 800')).toBe('ARTICLENUMBER6487800');
    expect(compactOf('HeartStart XL+')).toBe('HEARTSTARTXLPLUS');
  });

  it('when there is no text, then the compact form is empty', () => {
    expect(compactOf(null)).toBe('');
    expect(compactOf('®')).toBe('');
  });
});

describe('indexText', () => {
  it('when a recall text is indexed, then each token is found at its offset in the compact string', () => {
    const index = indexText('CARESCAPE B450 monitor');
    expect(index.tokens).toEqual(['CARESCAPE', 'B450', 'MONITOR']);
    expect(index.compact).toBe('CARESCAPEB450MONITOR');
    expect(index.offsets).toEqual([0, 9, 13, 20]);
    expect(index.tokenAt.get(9)).toBe(1);
    expect(index.tokenAt.has(10)).toBe(false);
    expect(index.words.has('B450')).toBe(true);
  });

  it('when a list separator stands between numbers, then a break is recorded there, and not inside a model', () => {
    expect([...indexText('Models 8004/8010').breaks]).toEqual([10]);
    expect([...indexText('Alaris PC units, model 8015; 8100').breaks]).toEqual([13, 22]);
    expect([...indexText('PCA-9000A/2 pump').breaks]).toEqual([]);
    expect([...indexText('PET/CT scanner').breaks]).toEqual([]);
  });

  it('when there is no text, then the index is empty and still searchable', () => {
    const index = indexText(null);
    expect(index.tokens).toEqual([]);
    expect(index.compact).toBe('');
    expect(occurrences(index, 'V60')).toEqual([]);
  });
});

describe('occurrences', () => {
  it('when a model number is the tail of a longer number, then it is not found there', () => {
    expect(find('Alaris PC Unit, model 18015', '8015')).toEqual([]);
    expect(find('Alaris PC Unit, model 18015', '18015')).toEqual([{ first: 4, last: 4 }]);
    expect(find('Model 80150 pump', '8015')).toEqual([]);
  });

  it('when a code is written run together, spaced or hyphenated, then each writing is found', () => {
    expect(find('CSM1901 and CSM 1901 and CSM-1901 bedside monitors', 'CSM-1901')).toEqual([
      { first: 0, last: 0 },
      { first: 2, last: 3 },
      { first: 5, last: 6 },
    ]);
  });

  it('when an article number is spaced out, then it is found across its tokens but not in the middle of them', () => {
    expect(find('Article number 64 87 800', '6487800')).toEqual([{ first: 2, last: 4 }]);
    expect(find('Article number 64 87 800', '8780')).toEqual([]);
  });

  it('when a needle ends inside a word, then it is not found', () => {
    expect(find('Alaris PC units', 'PC Unit')).toEqual([]);
    expect(find('HeartStart XL+ defibrillator', 'HeartStart XL')).toEqual([{ first: 0, last: 1 }]);
    expect(find('HeartStart XLT defibrillator', 'HeartStart XL')).toEqual([]);
  });

  it('when a list separator splits two numbers, then each is found but not the two read as one', () => {
    expect(find('Infusion pump models 8004/8010', '8004')).toEqual([{ first: 3, last: 3 }]);
    expect(find('Infusion pump models 8004/8010', '8010')).toEqual([{ first: 4, last: 4 }]);
    expect(find('Infusion pump models 8004/8010', '80048010')).toEqual([]);
    expect(find('Evita Infinity V500; Evita V300', 'V500 Evita')).toEqual([]);
    expect(find('Evita Infinity V500; Evita V300', 'Evita V300')).toEqual([{ first: 3, last: 4 }]);
  });

  it('when a slash is part of the model itself, then the model is still found whole', () => {
    expect(find('PCA-9000A/2 pump', 'PCA-9000A/2')).toEqual([{ first: 0, last: 2 }]);
    expect(find('PET/CT scanner', 'PET/CT')).toEqual([{ first: 0, last: 1 }]);
  });

  it('when a sentence, parenthesis or colon ends between two words, then they are not read as one model', () => {
    expect(find('Affected product: Oxylog. 3000 units were distributed', 'Oxylog 3000')).toEqual([]);
    expect(find('Alaris (8015) module', 'Alaris 8015')).toEqual([]);
    expect(find('Alaris (8015) module', '8015')).toEqual([{ first: 1, last: 1 }]);
    expect(find('LIFEPAK 1000: AED', 'LIFEPAK 1000')).toEqual([{ first: 0, last: 1 }]);
    expect(find('LIFEPAK 1000: AED', 'LIFEPAK 1000 AED')).toEqual([]);
  });

  it('when a model is named several times, then every occurrence is returned', () => {
    expect(find('Oxylog 3000 plus and Oxylog 3000 ventilators', 'Oxylog 3000')).toEqual([
      { first: 0, last: 1 },
      { first: 4, last: 5 },
    ]);
  });

  it('when a version or field strength holds a dot, then a shorter number is not found inside it', () => {
    expect(find('MAGNETOM Skyra 3.0T, software version 2.0.7', '2.0')).toEqual([]);
    expect(find('MAGNETOM Skyra 3.0T, software version 2.0.7', '2.0.7')).toEqual([{ first: 5, last: 5 }]);
    expect(find('MAGNETOM Skyra 3.0T, software version 2.0.7', '3.0T')).toEqual([{ first: 2, last: 2 }]);
  });

  it('when the needle is empty, then nothing is found', () => {
    expect(occurrences(indexText('V60 ventilator'), '')).toEqual([]);
  });
});
