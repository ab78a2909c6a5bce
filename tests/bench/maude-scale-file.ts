/**
 * Bench helper: writes a synthetic MAUDE bulk file of N reports, the real 37,105 repeated under new
 * keys (mdr_report_key, report_number and the text keys), in the openFDA envelope.
 */
import fs from 'node:fs';
import path from 'node:path';
import { RecordFramer } from '../../src/openfda/bulk/framer';
import { jsonMembers } from '../../src/openfda/bulk/members';

const [source, target, countArg] = process.argv.slice(2) as [string, string, string];
const total = Number(countArg);
const originals: string[] = [];
for await (const member of jsonMembers(source)) {
  const framer = new RecordFramer();
  for await (const chunk of member.stream) framer.push(chunk as Buffer, ({ text }) => originals.push(text));
  framer.end();
}
const parsed = originals.map((t) => JSON.parse(t) as Record<string, unknown>);

fs.mkdirSync(path.dirname(target), { recursive: true });
const out = fs.createWriteStream(target);
const write = (s: string) =>
  out.write(s) ? Promise.resolve() : new Promise<void>((r) => out.once('drain', r));
await write(
  `{"meta":{"disclaimer":"synthetic scale test","last_updated":"2026-01-01","results":{"skip":0,"limit":${total},"total":${total}}},"results":[\n`,
);
for (let i = 0; i < total; i++) {
  const copy = { ...parsed[i % parsed.length]! };
  copy.mdr_report_key = `S${i}`;
  if (copy.report_number) copy.report_number = `S-${i}`;
  await write(`${i > 0 ? ',\n' : ''}${JSON.stringify(copy)}`);
}
await write('\n]}\n');
await new Promise<void>((resolve) => out.end(resolve));
console.log(JSON.stringify({ file: target, bytes: fs.statSync(target).size }));
