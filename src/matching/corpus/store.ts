import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { matchTerms, productClasses, recalls } from '../../db/schema';
import { type CorpusTerms, corpusTerms, type TermRow } from './terms';

/** The stored term statistics and the corpus size they were built from. */
export function loadTerms(db: Db, builtFrom: number | null): CorpusTerms {
  const rows: TermRow[] = db
    .select()
    .from(matchTerms)
    .all()
    .map((r) => ({ ...r, familyList: r.byFamily ? Object.keys(r.byFamily) : null }));
  return corpusTerms(rows, rows.length > 0 ? (builtFrom ?? 0) : 0);
}

export function storeTerms(db: Db, rows: TermRow[]): void {
  db.delete(matchTerms).run();
  const insert = db.$client.prepare(
    `INSERT INTO match_terms (term, recalls, families, product_codes, followers, follower_list, by_family)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const r of rows) {
    insert.run(
      r.term,
      r.recalls,
      r.families,
      r.productCodes,
      r.followers,
      JSON.stringify(r.followerList),
      r.byFamily ? JSON.stringify(r.byFamily) : null,
    );
  }
}

export function recallCount(db: Db): number {
  return db.select({ n: sql<number>`count(*)` }).from(recalls).get()?.n ?? 0;
}

/**
 * The FDA's name for what each product code is ("Pump, Infusion"), from the classification feed
 * where it was synced and from the names openFDA annotates recalls with.
 */
export function deviceNames(db: Db): Map<string, string[]> {
  const names = new Map<string, string[]>();
  const add = (code: string | null, name: string | null) => {
    if (!code || !name) return;
    const key = code.toUpperCase();
    const list = names.get(key) ?? [];
    if (!list.includes(name)) list.push(name);
    names.set(key, list);
  };
  for (const r of db
    .select({ code: productClasses.productCode, name: productClasses.deviceName })
    .from(productClasses)
    .all())
    add(r.code, r.name);
  for (const r of db
    .selectDistinct({ code: recalls.productCode, name: recalls.deviceName })
    .from(recalls)
    .all())
    add(r.code, r.name);
  return names;
}
