/**
 * The fixed texts of openFDA answers: the meta block (api.js META), the error envelope and its
 * messages, and the API Umbrella gateway errors.
 */

export const DISCLAIMER =
  'Do not rely on openFDA to make decisions regarding medical care. While we make every effort to ensure that ' +
  'data is accurate, you should assume all results are unvalidated. We may limit or otherwise restrict your ' +
  'access to the API in line with our Terms of Service.';

/** The meta block of every successful answer, key order as api.js builds it. */
export function meta(lastUpdated: string, results?: { skip: number; limit: number; total: number }) {
  return {
    disclaimer: DISCLAIMER,
    terms: 'https://open.fda.gov/terms/',
    license: 'https://open.fda.gov/license/',
    last_updated: lastUpdated,
    ...(results ? { results } : {}),
  };
}

export type ErrorCode = 'BAD_REQUEST' | 'NOT_FOUND' | 'SERVER_ERROR';
const STATUS: Record<ErrorCode, number> = { BAD_REQUEST: 400, NOT_FOUND: 404, SERVER_ERROR: 500 };

/** An answer openFDA gives as `{"error":{code,message[,details]}}` (api.js ApiError). */
export class ApiError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: string,
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = STATUS[code];
  }

  get body() {
    return {
      error: { code: this.code, message: this.message, ...(this.details ? { details: this.details } : {}) },
    };
  }
}

export const badRequest = (message: string) => new ApiError('BAD_REQUEST', message);
export const noMatches = () => new ApiError('NOT_FOUND', 'No matches found!');
export const nothingToCount = () => new ApiError('NOT_FOUND', 'Nothing to count');
/** What openFDA answers when Elasticsearch itself fails: the ES text goes into details. */
export const serverError = (details?: string) =>
  new ApiError('SERVER_ERROR', 'Check your request and try again', details);

/** escape-html, which api_request.js and elasticsearch_query.js apply to echoed values. */
export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

// API Umbrella's templates with {{signup_url}}/{{contact_url}} filled in the way other api.data.gov
// deployments do (e.g. "https://api.nasa.gov:443"); api.fda.gov's exact URLs are unverified.
const GATEWAY_URL = 'https://api.fda.gov:443';

export const gatewayErrors = {
  apiKeyMissing: {
    status: 403,
    body: {
      error: { code: 'API_KEY_MISSING', message: `No api_key was supplied. Get one at ${GATEWAY_URL}` },
    },
  },
  apiKeyInvalid: {
    status: 403,
    body: {
      error: {
        code: 'API_KEY_INVALID',
        message: `An invalid api_key was supplied. Get one at ${GATEWAY_URL}`,
      },
    },
  },
  overRateLimit: {
    status: 429,
    body: {
      error: {
        code: 'OVER_RATE_LIMIT',
        message: `You have exceeded your rate limit. Try again later or contact us at ${GATEWAY_URL}/contact/ for assistance`,
      },
    },
  },
} as const;
