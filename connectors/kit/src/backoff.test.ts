import { DEFAULT_BACKOFF, isRetryableStatus, parseRetryAfter, retryDelayMs } from './backoff';

describe('retry with back-off', () => {
  const policy = { maxAttempts: 6, baseDelayMs: 500, maxDelayMs: 10_000 };

  it('doubles the ceiling with each failure, jitters below it, and never waits longer than the cap', () => {
    expect([1, 2, 3, 4].map((attempt) => retryDelayMs(policy, attempt, null, () => 0.999_999))).toEqual([500, 1000, 2000, 4000]);
    expect(retryDelayMs(policy, 10, null, () => 0.999_999)).toBe(10_000);
    expect(retryDelayMs(policy, 3, null, () => 0.5)).toBe(1000);
    expect(retryDelayMs(policy, 3, null, () => 0)).toBe(0);
  });

  it('waits at least as long as the source asks with Retry-After, still under the cap', () => {
    expect(retryDelayMs(policy, 1, 3000, () => 0.1)).toBe(3000);
    expect(retryDelayMs(policy, 1, 60_000, () => 0.1)).toBe(10_000);
  });

  it('reads Retry-After as seconds or as an HTTP date, and ignores what it cannot read', () => {
    const now = new Date('2026-11-20T02:00:00Z');
    expect(parseRetryAfter('7', now)).toBe(7000);
    expect(parseRetryAfter('Fri, 20 Nov 2026 02:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Fri, 20 Nov 2026 01:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter(null, now)).toBeNull();
  });

  it('retries throttling, timeouts and server errors, never a client error', () => {
    expect([429, 408, 500, 503].every(isRetryableStatus)).toBe(true);
    expect([400, 401, 404, 422].some(isRetryableStatus)).toBe(false);
    expect(DEFAULT_BACKOFF.maxAttempts).toBeGreaterThan(1);
  });
});
