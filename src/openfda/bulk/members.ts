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
