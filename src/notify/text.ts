import type { RecallClass } from '../recalls/workflow';

/** What the feed and the digest say about one recall case: plain values, FDA text as sent. */
export type CaseFacts = {
  productResNumber: string;
  recallClass: RecallClass;
  firm: string | null;
  productDescription: string | null;
  reasonForRecall: string | null;
  openedAt: string;
  /** The matched assets, tag and model, in tag order. */
  assets: { tag: string; model: string | null }[];
  /** Set when the case is an early notice's, not yet in openFDA: which source told of it. */
  earlySource?: string | null;
};

const htmlEscapes: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** FDA and inventory text is data, never markup: every reader shows it as typed. */
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (ch) => htmlEscapes[ch]!);

/**
 * XML 1.0 cannot carry most control characters at all, not even escaped; a record that holds
 * one (a stray form feed pasted into a description) would make the whole feed unreadable.
 */
export const withoutControlChars = (text: string) =>
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
  text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '');

export const classLabel = (c: RecallClass) => (c ? `Class ${c}` : 'Unclassified');

/** The start of a product description, cut at a word, for a title line. */
export function shortDescription(text: string | null, max = 80): string {
  const flat = (text ?? '').replace(/\s+/g, ' ').trim();
  if (!flat) return 'no product description';
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.-]+$/, '')}…`;
}

/** "Class I · Z-1234-2024 · Firm: short product description"; an early notice says its source instead. */
export const recallTitle = (c: CaseFacts) =>
  `${c.earlySource ? `${c.earlySource}, not yet in openFDA` : classLabel(c.recallClass)} · ${c.productResNumber} · ${c.firm?.trim() || 'Unknown firm'}: ${shortDescription(c.productDescription)}`;

/** The matched assets in one line: every tag up to `max`, then how many more. */
export function assetsLine(assets: CaseFacts['assets'], max = 10): string {
  if (assets.length === 0) return 'no device matches it any longer';
  const named = assets
    .slice(0, max)
    .map((a) => (a.model ? `${a.tag} (${a.model})` : a.tag))
    .join(', ');
  const count = `${assets.length} ${assets.length === 1 ? 'asset' : 'assets'}`;
  return assets.length > max
    ? `${count}, among them ${named} and ${assets.length - max} more`
    : `${count}: ${named}`;
}

export const recallUrl = (publicUrl: string, productResNumber: string) =>
  `${publicUrl}/recalls/${encodeURIComponent(productResNumber)}`;
