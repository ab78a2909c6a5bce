import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { matchTerms, productClasses, recalls } from '../../db/schema';
import { type CorpusTerms, corpusTerms, type TermRow } from './terms';

type StoredRow = {
  term: string;
  recalls: number;
  families: number;
  product_codes: number;
  followers: number;
  family_list: string | null;
};

type Details = { follower_list: string; by_family: string | null };

/**
 * A stored term. Its counts are read with every term; its lists only when a run asks for them
 * (an incremental run loads every term and looks closely at a few hundred).
 */
class StoredTerm implements TermRow {
  readonly term: string;
  readonly recalls: number;
  readonly families: number;
  readonly productCodes: number;
  readonly followers: number;
  #familyList: string | null | string[];
  #details: { followerList: string[]; byFamily: TermRow['byFamily'] } | null = null;
  readonly #read: (term: string) => Details | undefined;
  constructor(row: StoredRow, read: (term: string) => Details | undefined) {
    this.term = row.term;
    this.recalls = row.recalls;
    this.families = row.families;
    this.productCodes = row.product_codes;
    this.followers = row.followers;
    this.#familyList = row.family_list;
    this.#read = read;
  }
  get familyList(): string[] | null {
    if (typeof this.#familyList === 'string') this.#familyList = this.#familyList.split(',');
    return this.#familyList;
  }
  #detailsOf() {
    if (!this.#details) {
      const d = this.#read(this.term);
      this.#details = {
        followerList: d ? (JSON.parse(d.follower_list) as string[]) : [],
        byFamily: d?.by_family ? (JSON.parse(d.by_family) as TermRow['byFamily']) : null,
      };
    }
    return this.#details;
  }
  get followerList(): string[] {
    return this.#detailsOf().followerList;
  }
  get byFamily(): TermRow['byFamily'] {
    return this.#detailsOf().byFamily;
  }
}

/** The stored term statistics and the corpus size they were built from. */
export function loadTerms(db: Db, builtFrom: number | null): CorpusTerms {
  const details = db.$client.prepare('SELECT follower_list, by_family FROM match_terms WHERE term = ?');
  const read = (term: string) => details.get(term) as Details | undefined;
  const rows = (
    db.$client
      .prepare('SELECT term, recalls, families, product_codes, followers, family_list FROM match_terms')
      .all() as StoredRow[]
  ).map((r) => new StoredTerm(r, read));
  return corpusTerms(rows, rows.length > 0 ? (builtFrom ?? 0) : 0);
}

export function storeTerms(db: Db, rows: TermRow[]): void {
  db.delete(matchTerms).run();
  const insert = db.$client.prepare(
    `INSERT INTO match_terms (term, recalls, families, product_codes, followers, follower_list, family_list, by_family)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const r of rows) {
    insert.run(
      r.term,
      r.recalls,
      r.families,
      r.productCodes,
      r.followers,
      JSON.stringify(r.followerList),
      r.familyList ? r.familyList.join(',') : null,
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
