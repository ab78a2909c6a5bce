import fs from 'node:fs';
import path from 'node:path';
import { PassThrough, pipeline, type Readable } from 'node:stream';
import yauzl from 'yauzl';

/** One JSON document of a bulk file, and its size in bytes once decompressed. */
export type Member = { name: string; stream: Readable; size: number };

function openZip(file: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) =>
    yauzl.open(file, { lazyEntries: true, autoClose: true }, (error, zip) =>
      error ? reject(error) : resolve(zip),
    ),
  );
}

/**
 * How far a member may expand. openFDA's own expand 7 to 50 times (GUDID's, the most repetitive);
 * a zip bomb, thousands. Small members are let be: they cannot exhaust anything.
 */
const maxRatio = 200;
const bombFloorBytes = 10 * 1024 * 1024;

/**
 * The JSON documents in a bulk download file, one stream at a time: the file itself for *.json,
 * each *.json member for *.json.zip. Nothing is read into memory whole.
 */
export async function* jsonMembers(file: string): AsyncGenerator<Member> {
  if (!file.toLowerCase().endsWith('.zip')) {
    yield {
      name: path.basename(file),
      stream: fs.createReadStream(file, { highWaterMark: 1 << 20 }),
      size: fs.statSync(file).size,
    };
    return;
  }
  const zip = await openZip(file);
  try {
    for (;;) {
      const entry = await new Promise<yauzl.Entry | null>((resolve, reject) => {
        zip.once('entry', resolve);
        zip.once('end', () => resolve(null));
        zip.once('error', reject);
        zip.readEntry();
      });
      zip.removeAllListeners('entry').removeAllListeners('end').removeAllListeners('error');
      if (!entry) return;
      if (!/\.json$/i.test(entry.fileName)) continue;
      const ratio = entry.uncompressedSize / Math.max(1, entry.compressedSize);
      if (entry.uncompressedSize > bombFloorBytes && ratio > maxRatio) {
        throw new Error(
          `${path.basename(file)}:${entry.fileName} would expand ${Math.round(ratio)} times, to ${Math.round(entry.uncompressedSize / 1048576)} MB; openFDA's files expand at most about 50 times, so it is refused as damaged or hostile`,
        );
      }
      const stream = await new Promise<Readable>((resolve, reject) =>
        zip.openReadStream(entry, (error, s) => (error ? reject(error) : resolve(s))),
      );
      // Inflating runs on libuv's thread pool: a few MB of read-ahead lets it work while this
      // thread parses and writes, instead of waiting for each 16 KB chunk in turn. pipeline, not
      // pipe: a damaged member (corrupt bytes, a size its header understates) fails the stream
      // its reader holds, instead of raising an unhandled error that kills the process.
      const readAhead = new PassThrough({ highWaterMark: 4 << 20 });
      pipeline(stream, readAhead, () => {});
      yield {
        name: `${path.basename(file)}:${entry.fileName}`,
        stream: readAhead,
        size: entry.uncompressedSize,
      };
    }
  } finally {
    zip.close();
  }
}
