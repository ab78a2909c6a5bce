import type { EarlyNotice } from './notice';
import { distinct } from './text';

/** What a notice's page adds to what its list said, whatever the source. */
export type PageFacts = {
  firm: string | null;
  products: string[];
  models: string[];
  lots: string[];
  udiDis: string[];
  /** The earliest day the page gives for the action (the recall's start, the firm's letter). */
  day: string | null;
};

/**
 * The notice with its page's facts joined: the firm where the list named none, the products the
 * list did not name, every number, and the page's day where it gives one (the earlier, truer day).
 * `raw` stays the list's record: it is what the next read of the list is compared with.
 */
export function withPage(notice: EarlyNotice, page: PageFacts): EarlyNotice {
  const known = notice.product.toLowerCase();
  const extra = page.products.filter((product) => product && !known.includes(product.toLowerCase()));
  return {
    ...notice,
    firm: notice.firm ?? page.firm,
    product: [notice.product, ...extra].join('; '),
    models: distinct([...notice.models, ...page.models]),
    lots: distinct([...notice.lots, ...page.lots]),
    udiDis: distinct([...notice.udiDis, ...page.udiDis]),
    noticeDate: page.day ?? notice.noticeDate,
  };
}
