import { describe, expect, it } from 'vitest';
import { RecordFramer } from '../../../src/openfda/bulk/framer';

/** Feeds the text in chunks of every size from 1 byte up, and checks each split gives the same records. */
function frameAllWays(text: string): string[][] {
  const bytes = Buffer.from(text, 'utf8');
  const outcomes: string[][] = [];
  for (const size of [1, 2, 3, 7, 64, bytes.length]) {
    const framer = new RecordFramer();
    const records: string[] = [];
    for (let i = 0; i < bytes.length; i += size)
      framer.push(bytes.subarray(i, i + size), ({ text }) => records.push(text));
    framer.end();
    outcomes.push(records);
  }
  return outcomes;
}

describe('RecordFramer', () => {
  it('when the envelope is split anywhere, even inside a multi-byte character, then each record comes out whole', () => {
    const records = [
      {
        product_res_number: 'Z-0001-2020',
        product_description: 'Stent ® "Über" {not a brace} [nor this] \\ end',
      },
      { product_res_number: 'Z-0002-2020', nested: { list: [1, 2, { deep: '}' }] } },
    ];
    const text = JSON.stringify(
      { meta: { results: { total: 2 }, note: 'results' }, results: records },
      null,
      1,
    );
    for (const outcome of frameAllWays(text)) {
      expect(outcome.map((t) => JSON.parse(t))).toEqual(records);
    }
  });

  it('when meta comes after the results, or results is empty, then that is fine', () => {
    expect(frameAllWays('{"results":[{"a":"1"}],"meta":{}}')[0]).toEqual(['{"a":"1"}']);
    expect(frameAllWays('{"meta":{},"results":[]}')[0]).toEqual([]);
  });

  it('when an element is not an object, then it is still handed over to be judged, not dropped', () => {
    expect(frameAllWays('{"results":[ "x" , 12,null,{"a":1} ]}')[0]).toEqual([
      '"x"',
      '12',
      'null',
      '{"a":1}',
    ]);
  });

  it('when one record is broken JSON, then it is framed alone and the next record is unharmed', () => {
    const [records] = frameAllWays('{"results":[{"k":"A","v":tru},{"k":"B"}]}');
    expect(records).toEqual(['{"k":"A","v":tru}', '{"k":"B"}']);
    expect(() => JSON.parse(records![0]!)).toThrow();
  });

  it('when a string value elsewhere contains "results", then it is not mistaken for the list', () => {
    expect(frameAllWays('{"meta":{"x":["results"]},"results":[{"a":"b"}]}')[0]).toEqual(['{"a":"b"}']);
  });

  it('when the file is cut off part-way, then end() says so instead of finishing quietly', () => {
    const framer = new RecordFramer();
    const seen: string[] = [];
    framer.push(Buffer.from('{"meta":{},"results":[{"a":1},{"b":'), ({ text }) => seen.push(text));
    expect(seen).toEqual(['{"a":1}']);
    expect(() => framer.end()).toThrow(/ends part-way/);
  });

  it('when the file is not an openFDA envelope, then it is refused', () => {
    expect(() => frameAllWays('[{"a":1}]')).toThrow(/not a JSON object/);
    expect(() => frameAllWays('{"meta":{}}')).toThrow(/no "results" list/);
  });

  it('when a record is over the limit, then only its beginning and its size are handed over, however it is cut', () => {
    const big = `{"k":"${'y'.repeat(100)}"}`;
    const bytes = Buffer.from(`{"meta":{},"results":[{"a":1},${big},{"b":2}]}`);
    for (const size of [1, 7, 64, bytes.length]) {
      const framer = new RecordFramer(50);
      const seen: { text: string; oversized: number | null }[] = [];
      for (let i = 0; i < bytes.length; i += size)
        framer.push(bytes.subarray(i, i + size), (r) => seen.push(r));
      framer.end();
      expect(seen, `chunks of ${size}`).toEqual([
        { text: '{"a":1}', oversized: null },
        { text: big, oversized: big.length },
        { text: '{"b":2}', oversized: null },
      ]);
    }
  });
});
