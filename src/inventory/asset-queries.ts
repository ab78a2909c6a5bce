import { eq, sql } from 'drizzle-orm';
import type { AssetRecall, ModelReport } from '../../views/inventory/asset';
import type { Db } from '../db/client';
import { assets } from '../db/schema';
import { excerpt } from '../shared/text';
import { modelSpellings, sameModel } from './model-reports';

export function findAsset(db: Db, assetTag: string) {
  return db.select().from(assets).where(eq(assets.assetTag, assetTag)).get();
}

/**
 * Every recall matched to the asset, and every pair a person dismissed (a dismissal removes the
 * suggestion, so it comes from match_decisions alone), with its class, case and disposition.
 * Open cases first, then by class and newest.
 */
export function recallsOfAsset(db: Db, assetTag: string): AssetRecall[] {
  const rows = db.all<Omit<AssetRecall, 'reasons'> & { reasons: string | null }>(sql`
    WITH pairs AS (
      SELECT m.product_res_number AS number, m.confidence, m.score, m.reasons, m.lot_status,
             d.decision, d.decided_by
      FROM recall_matches m
      LEFT JOIN match_decisions d ON d.asset_tag = m.asset_tag AND d.product_res_number = m.product_res_number
      WHERE m.asset_tag = ${assetTag}
      UNION ALL
      SELECT d.product_res_number, NULL, NULL, NULL, NULL, d.decision, d.decided_by
      FROM match_decisions d
      WHERE d.asset_tag = ${assetTag} AND d.decision = 'dismissed'
        AND NOT EXISTS (SELECT 1 FROM recall_matches m
                        WHERE m.asset_tag = d.asset_tag AND m.product_res_number = d.product_res_number)
    )
    SELECT p.number AS productResNumber, e.classification AS classification,
           coalesce(r.recalling_firm, e.recalling_firm) AS firm, r.event_date_posted AS posted,
           p.confidence AS confidence, p.score AS score, p.reasons AS reasons, p.lot_status AS lotStatus,
           p.decision AS decision, p.decided_by AS decidedBy, c.state AS caseState,
           ad.disposition AS disposition, ad.note AS dispositionNote
    FROM pairs p
    LEFT JOIN recalls r ON r.product_res_number = p.number
    LEFT JOIN enforcement_reports e ON e.recall_number = p.number
    LEFT JOIN recall_cases c ON c.product_res_number = p.number
    LEFT JOIN asset_dispositions ad ON ad.product_res_number = p.number AND ad.asset_tag = ${assetTag}
    ORDER BY (p.decision = 'dismissed') IS 1, (coalesce(c.state, '') = 'closed'),
             coalesce(e.classification, 'Class IV'), r.event_date_posted DESC, p.number`);
  return rows.map((r) => ({ ...r, reasons: r.reasons ? (JSON.parse(r.reasons) as string[]) : [] }));
}

const newest = 20;

/**
 * The MAUDE reports naming a model, as a model number or a brand name: indexed lookups of every
 * usual spelling (see modelSpellings), each hit checked against the compact model, so "CSM1901"
 * finds "CSM-1901" but "8015" never finds "18015".
 */
export function reportKeysForModel(db: Db, model: string | null | undefined): string[] {
  const spellings = modelSpellings(model);
  if (!model || spellings.length === 0) return [];
  const hits = db.all<{ reportKey: string; modelNumber: string | null; brandName: string | null }>(sql`
    SELECT report_key AS reportKey, model_number AS modelNumber, brand_name AS brandName
    FROM maude_devices WHERE model_number IN ${spellings}
    UNION
    SELECT report_key, model_number, brand_name
    FROM maude_devices WHERE brand_name IN ${spellings}`);
  return [
    ...new Set(
      hits
        .filter((h) => sameModel(model, h.modelNumber) || sameModel(model, h.brandName))
        .map((h) => h.reportKey),
    ),
  ];
}

/** MAUDE reports naming the asset's model: the newest `newest`, with the count of all. */
export function reportsForModel(db: Db, model: string | null): { total: number; reports: ModelReport[] } {
  const keys = reportKeysForModel(db, model);
  if (keys.length === 0) return { total: 0, reports: [] };
  // A popular model has thousands of reports: json_each passes the keys as one parameter.
  const rows = db.all<Omit<ModelReport, 'excerpt'> & { text: string | null }>(sql`
    SELECT r.report_key AS reportKey, r.report_number AS reportNumber, r.date_received AS dateReceived,
           r.event_type AS eventType, r.manufacturer_name AS manufacturer,
           (SELECT group_concat(d.brand_name, '; ') FROM maude_devices d WHERE d.report_key = r.report_key) AS brands,
           (SELECT t.text FROM maude_texts t WHERE t.report_key = r.report_key
            ORDER BY (t.text_type_code = 'Description of Event or Problem') DESC, t.position LIMIT 1) AS text
    FROM maude_reports r
    WHERE r.report_key IN (SELECT value FROM json_each(${JSON.stringify(keys)}))
    ORDER BY r.date_received DESC, r.report_key DESC
    LIMIT ${newest}`);
  return {
    total: keys.length,
    reports: rows.map(({ text, ...r }) => ({ ...r, excerpt: excerpt(text) })),
  };
}
