import type { FeedName } from '../feeds';

/**
 * Which openFDA feed a record belongs to, from the fields only that feed has. Bulk files carry
 * no feed name inside them, and a renamed file should import all the same.
 */
export function detectFeed(record: unknown): FeedName | null {
  if (typeof record !== 'object' || record === null || Array.isArray(record)) return null;
  const has = (field: string) => field in record;
  if (has('product_res_number') || has('res_event_number') || has('cfres_id')) return 'recall';
  if (has('recall_number') || (has('product_type') && has('classification'))) return 'enforcement';
  if (has('mdr_report_key') || has('device') || has('mdr_text') || has('event_type')) return 'event';
  if (has('product_code') && has('device_name') && (has('regulation_number') || has('device_class'))) {
    return 'classification';
  }
  return null;
}

const keyPattern =
  /"(product_res_number|recall_number|mdr_report_key|report_number|product_code)"\s*:\s*"([^"\\]{1,64})"/;

/** The natural key of a record whose text is not valid JSON, if it can be read off the text. */
export function keyInText(text: string): string | null {
  return keyPattern.exec(text)?.[2]?.trim() || null;
}
