/** How long to wait before retrying a failed openFDA request; pure so the rules can be tested. */

export type RetryPolicy = {
  maxRetries: number;
  /** First backoff; doubled on each retry. */
  baseDelayMs: number;
  /** No single wait is longer than this, whatever Retry-After asks for. */
  maxDelayMs: number;
};

export const defaultRetryPolicy: RetryPolicy = { maxRetries: 6, baseDelayMs: 1000, maxDelayMs: 120_000 };

/** HTTP statuses worth trying again: rate limiting and the server's own failures. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status === 408 || status >= 500;
}

/** Retry-After is either delay-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | undefined, now: Date): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : Math.max(0, at - now.getTime());
}

/**
 * The wait before retry number `attempt` (1 for the first retry): the server's Retry-After when it
 * gave one, otherwise exponential backoff with jitter so that parallel clients spread out.
 */
export function retryDelayMs(
  policy: RetryPolicy,
  attempt: number,
  retryAfterMs: number | null,
  random: () => number = Math.random,
): number {
  if (retryAfterMs !== null) return Math.min(retryAfterMs, policy.maxDelayMs);
  const exponential = policy.baseDelayMs * 2 ** (attempt - 1);
  const jittered = exponential * (0.5 + random() / 2);
  return Math.min(Math.round(jittered), policy.maxDelayMs);
}
