/**
 * The floor a bulk import is judged against: a minimal script that unzips a recall bulk file,
 * parses it and inserts every record (its key and its JSON) in one transaction, with nothing
 * else. `node --import tsx tests/bench/import-floor.ts <zip> <db>`
 */
import fs from 'node:fs';
import Database from 'better-sqlite3';
import yauzl from 'yauzl';

const [zipFile, dbFile] = process.argv.slice(2) as [string, string];
const text = await new Promise<string>((resolve, reject) =>
  yauzl.open(zipFile, { lazyEntries: true }, (error, zip) => {
    if (error) return reject(error);
    zip.readEntry();
    zip.on('entry', (entry: yauzl.Entry) =>
      zip.openReadStream(entry, (e, stream) => {
        if (e) return reject(e);
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      }),
    );
  }),
);
const { results } = JSON.parse(text) as { results: Record<string, unknown>[] };
fs.rmSync(dbFile, { force: true });
const db = new Database(dbFile);
db.pragma('journal_mode = WAL');
db.exec('CREATE TABLE recalls (product_res_number TEXT PRIMARY KEY, raw TEXT NOT NULL)');
const insert = db.prepare('INSERT OR REPLACE INTO recalls VALUES (?, ?)');
db.transaction(() => {
  for (const r of results) insert.run(String(r.product_res_number), JSON.stringify(r));
})();
db.close();
console.log(JSON.stringify({ records: results.length }));
