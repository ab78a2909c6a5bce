/**
 * The companies GUDID names behind device identifiers and brands, for assets whose manufacturer
 * was left blank: the company that labels the asset's UDI-DI, or the one company behind a brand
 * written at the start of its model. Read from `gudid_devices` (see `vigil import`).
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { compactOf } from './text';

export type GudidCompanies = {
  /** The company that labels a device identifier, if GUDID has it. */
  ofDi(di: string): string | null;
  /** The company behind a brand (compact, upper case), where one company holds most of its devices. */
  ofBrand(brand: string): string | null;
};

/** A brand stands for a company when that company labels this share of its devices. */
const brandShare = 0.8;

export const noGudid: GudidCompanies = { ofDi: () => null, ofBrand: () => null };

export function gudidCompanies(db: Db): GudidCompanies {
  const byDi = db.$client.prepare('SELECT company_name AS company FROM gudid_devices WHERE primary_di = ?');
  let brands: Map<string, string> | null = null;
  const brandMap = () => {
    if (!brands) {
      brands = new Map();
      const counts = new Map<string, Map<string, number>>();
      const rows = db.all<{ brand: string; company: string; n: number }>(sql`
        SELECT brand_name AS brand, company_name AS company, count(*) AS n FROM gudid_devices
        WHERE brand_name IS NOT NULL AND company_name IS NOT NULL GROUP BY 1, 2`);
      for (const { brand, company, n } of rows) {
        // A brand is known by its first word: "Alaris", "CS2 Acet. Cup Sys." → CS2.
        const key = compactOf(brand.split(/[\s,;/-]+/)[0]);
        if (key.length < 4) continue;
        const companies = counts.get(key) ?? new Map<string, number>();
        companies.set(company, (companies.get(company) ?? 0) + n);
        counts.set(key, companies);
      }
      for (const [key, companies] of counts) {
        const total = [...companies.values()].reduce((a, b) => a + b, 0);
        const [top, n] = [...companies].sort((a, b) => b[1] - a[1])[0]!;
        if (n >= total * brandShare) brands.set(key, top);
      }
    }
    return brands;
  };
  return {
    ofDi: (di) => (byDi.get(di) as { company: string | null } | undefined)?.company ?? null,
    ofBrand: (brand) => brandMap().get(brand) ?? null,
  };
}
