import { inflateSync } from 'node:zlib';

/** Every content stream of the PDF, inflated. pdf-lib compresses them with Flate. */
export function contentStreams(pdf: Uint8Array): string[] {
  const buf = Buffer.from(pdf);
  const out: string[] = [];
  let at = 0;
  for (;;) {
    const start = buf.indexOf('stream', at, 'latin1');
    if (start < 0) break;
    let from = start + 'stream'.length;
    if (buf[from] === 0x0d) from++;
    if (buf[from] === 0x0a) from++;
    const end = buf.indexOf('endstream', from, 'latin1');
    if (end < 0) break;
    try {
      out.push(inflateSync(buf.subarray(from, end)).toString('latin1'));
    } catch {
      out.push(buf.subarray(from, end).toString('latin1'));
    }
    at = end + 'endstream'.length;
  }
  return out.filter((s) => /\bBT\b/.test(s));
}

// WinAnsi is Latin-1 except for 0x80–0x9F (Node's own windows-1252 decoder may treat it as Latin-1).
const winAnsiHigh = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';
const winAnsi = {
  decode: (bytes: Buffer) =>
    [...bytes].map((b) => (b >= 0x80 && b < 0xa0 ? winAnsiHigh[b - 0x80] : String.fromCharCode(b))).join(''),
};
/** The text drawn, one entry per `Tj`, decoded from the hex strings pdf-lib writes. */
export function drawnText(pdf: Uint8Array): string[] {
  return contentStreams(pdf).flatMap((s) =>
    [...s.matchAll(/<([0-9A-Fa-f]*)>\s*Tj/g)].map((m) => winAnsi.decode(Buffer.from(m[1]!, 'hex'))),
  );
}
