/**
 * A Health Canada recall page in the current layout (summary, "Affected products" table,
 * "Companies" → "Manufacturer", details), drawn from a row whose `Detail` object holds what a
 * public project read off the real page (recall-radar-web's shape: brandNames, summary,
 * affectedProducts[].fields).
 */

type AffectedRow = { product?: string; fields?: Record<string, string | undefined> };

export type EnrichedRow = {
  NID: string;
  Title?: string | null;
  URL?: string | null;
  'Last updated'?: string | null;
  'Recall class'?: string | null;
  Detail?: {
    title?: string;
    recallType?: string;
    lastUpdated?: string;
    brandNames?: string[];
    summary?: { product?: string; issue?: string; action?: string };
    affectedProducts?: AffectedRow[];
  };
};

const escapeHtml = (value: string) =>
  value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function renderHealthCanadaPage(row: EnrichedRow): string {
  const detail = row.Detail ?? {};
  const title = escapeHtml(detail.title ?? row.Title ?? '');
  const affected = detail.affectedProducts ?? [];
  // The page's column header says "catalogue" on most pages and "catalog" on some.
  const catalog = affected.some((a) => a.fields && 'modelOrCatalogNumber' in a.fields);
  const rows = affected
    .map((a) => {
      const f = a.fields ?? {};
      const model = f.modelOrCatalogueNumber ?? f.modelOrCatalogNumber ?? '';
      return `<tr><td>${escapeHtml(a.product ?? f.affectedProducts ?? '')}</td><td>${escapeHtml(f.lotOrSerialNumber ?? '')}</td><td>${escapeHtml(model)}</td></tr>`;
    })
    .join('\n');
  const summary = detail.summary ?? {};
  const makers = (detail.brandNames ?? []).map((name) => `<dd>${escapeHtml(name)}</dd>`).join('');
  return `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>${title} - Recalls and safety alerts</title></head>
<body>
<main property="mainContentOfPage">
<h1 id="wb-cont">${title}</h1>
<section class="ra-summary">
<h2>Summary</h2>
<dl>
<dt>Product</dt><dd>${escapeHtml(summary.product ?? '')}</dd>
<dt>Issue</dt><dd>${escapeHtml(summary.issue ?? '')}</dd>
<dt>What to do</dt><dd>${escapeHtml(summary.action ?? '')}</dd>
</dl>
</section>
<section class="ra-affected-products">
<h2>Affected products</h2>
<table class="table">
<thead><tr><th>Affected products</th><th>Lot or serial number</th><th>Model or ${catalog ? 'catalog' : 'catalogue'} number</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
</section>
<section class="ra-companies">
<h2>Companies</h2>
<dl><dt>Manufacturer</dt>${makers || '<dd>Not Applicable</dd>'}</dl>
</section>
<section class="ra-details">
<h2>Details</h2>
<dl>
<dt>Last updated</dt><dd>${escapeHtml(detail.lastUpdated ?? row['Last updated'] ?? '')}</dd>
<dt>Type of communication</dt><dd>${escapeHtml(detail.recallType ?? 'Health product recall')}</dd>
<dt>Hazard classification</dt><dd>${escapeHtml(row['Recall class'] ?? '')}</dd>
<dt>Identification number</dt><dd>RA-${escapeHtml(row.NID)}</dd>
</dl>
</section>
</main>
</body>
</html>
`;
}
