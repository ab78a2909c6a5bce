/**
 * GOV.UK's Search API as far as MHRA alerts need it (search-api docs/using-the-search-api.md):
 * filter_format, filter_alert_type, filter_public_timestamp=from:/to:, order (only
 * public_timestamp sorts), count ≤ 1500, start, fields. Unknown parameters and bad values get
 * HTTP 422 with an HTML page, as GOV.UK answers them.
 */

export type SearchAnswer = { status: 200; body: unknown } | { status: 422; html: string };

const known = new Set([
  'filter_format',
  'filter_alert_type',
  'filter_alert_type[]',
  'filter_public_timestamp',
  'order',
  'count',
  'start',
  'fields',
  'fields[]',
]);
const metaFields = [
  'index',
  'es_score',
  'model_score',
  'original_rank',
  'combined_score',
  '_id',
  'elasticsearch_type',
  'document_type',
];

const refuse = (message: string): SearchAnswer => ({
  status: 422,
  html: `<!DOCTYPE html><html><head><title>Unprocessable Entity</title></head><body><h1>Unprocessable Entity</h1><p>${message}</p></body></html>`,
});

function alertTypes(result: Record<string, unknown>): string[] {
  const value = result.alert_type;
  return Array.isArray(value) ? value.map(String) : typeof value === 'string' ? [value] : [];
}

function timestampRange(value: string): { from?: string; to?: string } | null {
  const range: { from?: string; to?: string } = {};
  for (const part of value.split(',')) {
    const m = /^(from|to):(\d{4}-\d{2}-\d{2})$/.exec(part.trim());
    if (!m) return null;
    range[m[1] as 'from' | 'to'] = m[2]!;
  }
  return range;
}

export function answerSearch(params: URLSearchParams, results: Record<string, unknown>[]): SearchAnswer {
  for (const name of params.keys()) if (!known.has(name)) return refuse(`"${name}" is not a valid parameter`);
  const order = params.get('order');
  if (order !== null && order !== '-public_timestamp' && order !== 'public_timestamp') {
    return refuse(`"${order}" is not a valid sort field`);
  }
  const count = Number(params.get('count') ?? '10');
  const start = Number(params.get('start') ?? '0');
  if (!Number.isInteger(count) || count < 0 || count > 1500)
    return refuse('count must be an integer from 0 to 1500');
  if (!Number.isInteger(start) || start < 0) return refuse('start must be a non-negative integer');
  const range = params.has('filter_public_timestamp')
    ? timestampRange(params.get('filter_public_timestamp')!)
    : {};
  if (range === null) return refuse('filter_public_timestamp must be from:YYYY-MM-DD and/or to:YYYY-MM-DD');

  const formats = params.getAll('filter_format');
  const wanted = [...params.getAll('filter_alert_type'), ...params.getAll('filter_alert_type[]')];
  let matched = results.filter((r) => {
    const format = String(r.elasticsearch_type ?? r.document_type ?? 'medical_safety_alert');
    const day = String(r.public_timestamp ?? '').slice(0, 10);
    return (
      (formats.length === 0 || formats.includes(format)) &&
      (wanted.length === 0 || alertTypes(r).some((type) => wanted.includes(type))) &&
      (!range.from || day >= range.from) &&
      (!range.to || day <= range.to)
    );
  });
  const byTime = (a: Record<string, unknown>, b: Record<string, unknown>) =>
    Date.parse(String(a.public_timestamp)) - Date.parse(String(b.public_timestamp));
  if (order === '-public_timestamp') matched = [...matched].sort((a, b) => byTime(b, a));
  else if (order === 'public_timestamp') matched = [...matched].sort(byTime);
  // Without an order GOV.UK ranks by relevance; titles stand in for that, so no date order shows.
  else matched = [...matched].sort((a, b) => String(a.title).localeCompare(String(b.title)));

  const fields = [...params.getAll('fields'), ...params.getAll('fields[]')].flatMap((f) => f.split(','));
  const page = matched.slice(start, start + count).map((r) => {
    if (fields.length === 0) return r;
    return Object.fromEntries(
      Object.entries(r).filter(([key]) => fields.includes(key) || metaFields.includes(key)),
    );
  });
  return {
    status: 200,
    body: {
      results: page,
      total: matched.length,
      start,
      aggregates: {},
      suggested_queries: [],
      suggested_autocomplete: [],
      es_cluster: 'A',
      reranked: false,
    },
  };
}
