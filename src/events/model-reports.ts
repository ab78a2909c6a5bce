import { sql } from 'drizzle-orm';
import type { ModelReport } from '../../views/events/model-reports';
import type { Db } from '../db/client';
import { excerpt } from '../shared/text';
import { modelSpellings, sameModel } from './model-spellings';

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
