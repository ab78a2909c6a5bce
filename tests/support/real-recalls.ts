import fs from 'node:fs';
import path from 'node:path';
import type { RecallTextFields } from '../../src/matching/extract';
import type { RecallFields } from '../../src/matching/profiles';
import { jsonMembers } from '../../src/openfda/bulk/members';
import { openFdaData } from './shared';

/**
 * Real recall texts from ../shared/data/openfda, looked up by recall number at test time: nothing
 * of FDA's text is copied into the project.
 */
type RawRecord = Record<string, unknown>;

const text = (value: unknown) => (typeof value === 'string' ? value : undefined);

function fieldsOf(record: RawRecord): RecallTextFields {
  return {
    productDescription: text(record.product_description),
    codeInfo: text(record.code_info),
    moreCodeInfo: text(record.more_code_info),
    reasonForRecall: text(record.reason_for_recall),
  };
}

/** The 31,960 cfRES recalls (product_description and reason_for_recall; no code_info). */
export async function cfresRecalls(): Promise<RawRecord[]> {
  for await (const member of jsonMembers(path.join(openFdaData, 'device-recall.cfres.json.zip'))) {
    const chunks: Buffer[] = [];
    for await (const chunk of member.stream) chunks.push(chunk as Buffer);
    return (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { results: RawRecord[] }).results;
  }
  throw new Error('device-recall.cfres.json.zip holds no JSON member');
}

export function byRecallNumber(records: RawRecord[]): (key: string) => RecallTextFields {
  const index = new Map(records.map((r) => [String(r.product_res_number), r]));
  return (key) => {
    const record = index.get(key);
    if (!record) throw new Error(`${key} is not in the cfRES corpus`);
    return fieldsOf(record);
  };
}

/** A cfRES recall as the matching engine reads it: firm, product code and texts. */
export function matchingFields(records: RawRecord[]): (key: string) => RecallFields {
  const texts = byRecallNumber(records);
  const index = new Map(records.map((r) => [String(r.product_res_number), r]));
  return (key) => {
    const fields = texts(key);
    const record = index.get(key)!;
    return {
      productResNumber: key,
      recallingFirm: text(record.recalling_firm) ?? null,
      productCode: text(record.product_code) ?? null,
      productDescription: fields.productDescription ?? null,
      codeInfo: fields.codeInfo ?? null,
      moreCodeInfo: fields.moreCodeInfo ?? null,
      reasonForRecall: fields.reasonForRecall ?? null,
    };
  };
}

type Excerpt = { url: string; fields: RawRecord; truncated_at: string | null; excerpt: string };

/**
 * The beginning of a value the stored response was cut inside (truncated_at names the field): the
 * rest of the excerpt after the field's key, decoded as far as it goes.
 */
function cutValue(excerpt: Excerpt, field: string): string {
  const key = `"${field}": "`;
  const raw = excerpt.excerpt.slice(excerpt.excerpt.lastIndexOf(key) + key.length);
  return JSON.parse(`"${raw.replace(/\\(?:u[0-9a-fA-F]{0,3})?$/, '')}"`);
}

/** Recall and enforcement excerpts by recall number, with a cut-off field kept as far as it goes. */
export function excerptRecalls(): (key: string) => RecallTextFields {
  const index = new Map<string, RecallTextFields>();
  for (const file of ['device-recall.excerpts.ndjson', 'device-enforcement.excerpts.ndjson']) {
    const lines = fs
      .readFileSync(path.join(openFdaData, 'excerpts', file), 'utf8')
      .trim()
      .split('\n');
    for (const line of lines) {
      const excerpt = JSON.parse(line) as Excerpt;
      const key =
        text(excerpt.fields.product_res_number) ??
        text(excerpt.fields.recall_number) ??
        decodeURIComponent(excerpt.url).match(/Z-\d+-\d+/)?.[0];
      if (!key || index.has(key)) continue;
      const fields = fieldsOf(excerpt.fields);
      if (excerpt.truncated_at === 'code_info') fields.codeInfo = cutValue(excerpt, 'code_info');
      if (excerpt.truncated_at === 'product_description') {
        fields.productDescription = cutValue(excerpt, 'product_description');
      }
      index.set(key, fields);
    }
  }
  return (key) => {
    const fields = index.get(key);
    if (!fields) throw new Error(`${key} is not among the excerpts`);
    return fields;
  };
}

/** Enforcement records of the API examples, and the full device/recall sample, by recall number. */
export function exampleRecalls(): (key: string) => RecallTextFields {
  const index = new Map<string, RecallTextFields>();
  const collect = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(collect);
    else if (node && typeof node === 'object') {
      const record = node as RawRecord;
      const key = text(record.recall_number) ?? text(record.product_res_number);
      if (key && ('code_info' in record || 'product_description' in record) && !index.has(key)) {
        index.set(key, fieldsOf(record));
      }
      Object.values(record).forEach(collect);
    }
  };
  for (const file of ['examples/openfda-api-examples.json', 'device-recall.sample.json']) {
    collect(JSON.parse(fs.readFileSync(path.join(openFdaData, file), 'utf8')));
  }
  return (key) => {
    const fields = index.get(key);
    if (!fields) throw new Error(`${key} is not among the examples`);
    return fields;
  };
}
