import { sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { deviceReportsHref } from '../events/links';
import { reportKeysForModel } from '../events/model-reports';
import type { EventRow } from '../events/queries';
import { recallsOfAsset } from '../recalls/asset-recalls';
import { excerpt } from '../shared/text';

/** A recall that matches a device of the incident. */
export type KnownRecall = {
  productResNumber: string;
  assetTag: string;
  classification: string | null;
  firm: string | null;
  posted: string | null;
  decision: string | null;
  /** The matching engine's confidence and score (see matching/score.ts). */
  confidence: 'high' | 'medium' | 'low' | null;
  score: number | null;
};

/** A MAUDE report about the same model, or the same product code and manufacturer. */
export type KnownReport = Omit<EventRow, 'snippet'> & { why: string; excerpt: string };

/** The MAUDE search prefilled for one device of the incident. */
export type KnownSearch = { assetTag: string; href: string };

const shown = 25;

/**
 * What is already known beside the record (issue §2): the recalls matched to its devices (not
 * those a person dismissed), and MAUDE reports for the same model, or for the same product code
 * from a manufacturer whose name starts the same way. Newest reports first, at most `shown`.
 */
export function alreadyKnown(
  db: Db,
  devices: { assetTag: string; details: Record<string, string> }[],
): { recalls: KnownRecall[]; reports: KnownReport[]; reportTotal: number; searches: KnownSearch[] } {
  const recalls: KnownRecall[] = [];
  for (const d of devices)
    for (const r of recallsOfAsset(db, d.assetTag))
      if (r.decision !== 'dismissed')
        recalls.push({
          productResNumber: r.productResNumber,
          assetTag: d.assetTag,
          classification: r.classification,
          firm: r.firm,
          posted: r.posted,
          decision: r.decision,
          confidence: r.confidence,
          score: r.score,
        });

  const why = new Map<string, string>();
  for (const d of devices) {
    const model = d.details.model;
    for (const key of reportKeysForModel(db, model)) if (!why.has(key)) why.set(key, `same model (${model})`);
    const code = d.details.productCode?.toUpperCase();
    const maker = (d.details.manufacturer ?? '').split(/\s+/)[0]?.toUpperCase();
    if (code && maker && maker.length >= 3) {
      const hits = db.all<{ reportKey: string }>(sql`
        SELECT report_key AS reportKey FROM maude_devices
        WHERE product_code = ${code} AND upper(manufacturer_d_name) LIKE ${`${maker}%`}`);
      for (const h of hits)
        if (!why.has(h.reportKey)) why.set(h.reportKey, `same product code (${code}) and manufacturer`);
    }
  }
  const searches = devices.flatMap((d) => {
    const href = deviceReportsHref(d.details);
    return href ? [{ assetTag: d.assetTag, href }] : [];
  });
  if (why.size === 0) return { recalls, reports: [], reportTotal: 0, searches };
  const rows = db.all<Omit<KnownReport, 'why' | 'excerpt'> & { text: string | null }>(sql`
    SELECT r.report_key AS reportKey, r.report_number AS reportNumber, r.date_received AS dateReceived,
           r.event_type AS eventType, r.manufacturer_name AS manufacturer,
           (SELECT d.brand_name FROM maude_devices d WHERE d.report_key = r.report_key ORDER BY d.position LIMIT 1) AS brand,
           (SELECT d.model_number FROM maude_devices d WHERE d.report_key = r.report_key ORDER BY d.position LIMIT 1) AS model,
           (SELECT t.text FROM maude_texts t WHERE t.report_key = r.report_key
            ORDER BY (t.text_type_code = 'Description of Event or Problem') DESC, t.position LIMIT 1) AS text
    FROM maude_reports r
    WHERE r.report_key IN (SELECT value FROM json_each(${JSON.stringify([...why.keys()])}))
    ORDER BY r.date_received DESC, r.report_key DESC
    LIMIT ${shown}`);
  return {
    recalls,
    reports: rows.map(({ text, ...r }) => ({ ...r, why: why.get(r.reportKey)!, excerpt: excerpt(text) })),
    reportTotal: why.size,
    searches,
  };
}
