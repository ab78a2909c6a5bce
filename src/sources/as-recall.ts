import type { EarlyNotice } from './notice';

/**
 * An early notice as a row of `recalls`, so the matching engine reads it as it reads an openFDA
 * recall: the firm as the recalling firm, the product text as the description, and the models,
 * lots and UDI-DIs in code_info under the labels openFDA's own records use. No product code, no
 * FDA status and no posting day: the FDA has not posted it. The notice's day stands as the day
 * the recall began, which is what the inbox sorts on.
 */
export type NoticeRecallRow = {
  productResNumber: string;
  recallingFirm: string | null;
  eventDateInitiated: string | null;
  raw: string;
};

export function codeInfoOf(notice: Pick<EarlyNotice, 'models' | 'lots' | 'udiDis'>): string | null {
  const parts = [
    notice.models.length ? `Model/Catalog Numbers: ${notice.models.join(', ')}` : null,
    notice.lots.length ? `Lot/Serial Numbers: ${notice.lots.join(', ')}` : null,
    notice.udiDis.length ? `UDI-DI: ${notice.udiDis.join(', ')}` : null,
  ].filter(Boolean);
  return parts.length ? parts.join('; ') : null;
}

export function noticeAsRecall(notice: EarlyNotice): NoticeRecallRow {
  return {
    productResNumber: notice.key,
    recallingFirm: notice.firm,
    eventDateInitiated: notice.noticeDate,
    raw: JSON.stringify({
      product_res_number: notice.key,
      recalling_firm: notice.firm,
      product_description: notice.product,
      code_info: codeInfoOf(notice),
      reason_for_recall: notice.issue,
      source: notice.source,
      url: notice.url,
    }),
  };
}
