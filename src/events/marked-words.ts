import Database from 'better-sqlite3';

/** Marks a highlighted word in a snippet: control characters no narrative holds. */
export const markStart = '\u0002';
export const markEnd = '\u0003';

let scratch: { db: Database.Database; put: Database.Statement; cut: Database.Statement } | null = null;

/**
 * The passage of each narrative around the words an FTS5 query found (marked), as FTS5's own
 * snippet() cuts it. It is cut here, in a small in-memory index built with the same tokenizer as
 * the narrative index (migration 0008), because asking the big index for one report's snippet
 * walks every hit of the words: a page of 50 took half a second on a million reports.
 */
export function markedPassages(match: string, narratives: Map<number, string>): Map<number, string> {
  if (!scratch) {
    const db = new Database(':memory:');
    db.exec(
      `CREATE VIRTUAL TABLE passages USING fts5(narrative, tokenize = 'unicode61 remove_diacritics 2')`,
    );
    scratch = {
      db,
      put: db.prepare('INSERT INTO passages (rowid, narrative) VALUES (?, ?)'),
      cut: db.prepare(
        `SELECT rowid AS id, snippet(passages, 0, ?, ?, '…', 24) AS passage
         FROM passages WHERE passages MATCH ?`,
      ),
    };
  }
  const { db, put, cut } = scratch;
  return db.transaction(() => {
    for (const [id, text] of narratives) put.run(id, text);
    const passages = new Map(
      (cut.all(markStart, markEnd, match) as { id: number; passage: string }[]).map((r) => [r.id, r.passage]),
    );
    db.exec('DELETE FROM passages');
    return passages;
  })();
}
