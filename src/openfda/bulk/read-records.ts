import type { FeedName } from '../feeds';
import { type Prepared, prepare } from '../store';
import { detectFeed, keyInText } from './detect';
import { EnvelopeError, type Framed, RecordFramer } from './framer';
import { jsonMembers } from './members';

export type PreparedBatch = {
  feed: FeedName;
  items: Prepared[];
  /** Records read so far in the file, and how far through the current member. */
  records: number;
  member: string;
  bytes: number;
  size: number;
};

/** One record's text parsed; text that is not JSON is set aside with the reason and its key. */
type Parsed = { record: unknown; raw: string } | { unreadable: string; key: string | null; raw: string };

function parseRecord({ text, oversized }: Framed, maxRecordBytes: number): Parsed {
  if (oversized !== null) {
    const mb = (bytes: number) => `${(bytes / 1048576).toFixed(1)} MB`;
    return {
      unreadable: `the record is ${mb(oversized)}, over the ${mb(maxRecordBytes)} a record may be (VIGIL_MAX_RECORD_MB); only its beginning is kept here`,
      key: keyInText(text),
      raw: text,
    };
  }
  try {
    const record: unknown = JSON.parse(text);
    return { record, raw: JSON.stringify(record) };
  } catch (error) {
    return { unreadable: `not valid JSON: ${(error as Error).message}`, key: keyInText(text), raw: text };
  }
}

function prepareParsed(feed: FeedName, parsed: Parsed): Prepared {
  return 'unreadable' in parsed
    ? { ok: false, key: parsed.key, reason: parsed.unreadable, raw: parsed.raw }
    : prepare(feed, parsed.record, parsed.raw);
}

/**
 * The records of a bulk file, prepared for storing, in batches. The feed is recognised from the
 * first record that says what it is; a broken or oversized record is set aside and the rest go on; a file that
 * ends part-way is an error after everything complete before it has been handed over.
 */
export async function* preparedBatches(
  file: string,
  batchSize: number,
  maxRecordBytes: number,
): AsyncGenerator<PreparedBatch> {
  let feed = null as FeedName | null;
  let waiting: Parsed[] = [];
  let items: Prepared[] = [];
  let records = 0;
  for await (const member of jsonMembers(file)) {
    const framer = new RecordFramer(maxRecordBytes);
    let bytes = 0;
    const batch = (): PreparedBatch => {
      const out = { feed: feed!, items, records, member: member.name, bytes, size: member.size };
      items = [];
      return out;
    };
    const take = (framed: Framed) => {
      records++;
      const parsed = parseRecord(framed, maxRecordBytes);
      if (feed) {
        items.push(prepareParsed(feed, parsed));
        return;
      }
      waiting.push(parsed);
      feed = 'record' in parsed ? detectFeed(parsed.record) : null;
      if (feed) {
        items = waiting.map((p) => prepareParsed(feed!, p));
        waiting = [];
      } else if (waiting.length >= batchSize) {
        throw new Error(`could not tell which openFDA feed ${member.name} holds`);
      }
    };
    // Whether a failure came from reading the file (a damaged zip) or from what was read.
    let reading = true;
    try {
      for await (const chunk of member.stream) {
        reading = false;
        framer.push(chunk as Buffer, take);
        bytes += (chunk as Buffer).length;
        if (items.length >= batchSize) yield batch();
        reading = true;
      }
      reading = false;
      framer.end();
    } catch (error) {
      if (feed && items.length > 0) yield batch();
      if (error instanceof EnvelopeError) throw new Error(`${member.name}: ${error.message}`);
      if (reading)
        throw new Error(
          `${member.name} could not be read, the file is damaged (download it again): ${(error as Error).message}`,
        );
      throw error;
    }
    if (feed && items.length > 0) yield batch();
  }
  if (!feed) {
    throw new Error(
      records === 0
        ? `${file.split(/[\\/]/).pop()} holds no openFDA records (expected {"meta": …, "results": [ … ]})`
        : `could not tell which openFDA feed ${file.split(/[\\/]/).pop()} holds (expected recall, enforcement, event or classification records)`,
    );
  }
}
