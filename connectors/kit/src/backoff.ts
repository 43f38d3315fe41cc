/** How long to wait before the next attempt at a source that failed. */
export interface BackoffPolicy {
  /** Attempts in all, the first included (default 6). */
  maxAttempts: number;
  /** First retry waits up to this long; each retry doubles it (default 500 ms). */
  baseDelayMs: number;
  /** No single wait is longer (default 60 s). */
  maxDelayMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { maxAttempts: 6, baseDelayMs: 500, maxDelayMs: 60_000 };

/**
 * Exponential backoff with full jitter (so many connectors retrying one source do not hit it in step);
 * a source's own `Retry-After` wins when it asks for longer. `attempt` counts failures so far, from 1.
 */
export function retryDelayMs(policy: BackoffPolicy, attempt: number, retryAfterMs: number | null, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  const jittered = Math.round(random() * ceiling);
  return retryAfterMs === null ? jittered : Math.min(policy.maxDelayMs, Math.max(retryAfterMs, jittered));
}

/** `Retry-After` is either seconds or an HTTP date. */
export function parseRetryAfter(header: string | null, now: Date): number | null {
  if (!header) return null;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? null : Math.max(0, date - now.getTime());
}

/** Worth trying again: throttled, a server error, or no answer in time. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status === 408 || status >= 500;
}
