import Bottleneck from 'bottleneck';
import { DEFAULT_BACKOFF, isRetryableStatus, parseRetryAfter, retryDelayMs, type BackoffPolicy } from './backoff';

export interface SourceClientOptions {
  /** The legacy system's base URL, e.g. `http://12345.example.gov.cn/api`. */
  baseUrl: string;
  /** Requests per second this source tolerates (default 5). */
  ratePerSecond?: number;
  /** An answer slower than this is a failure, retried (default 10 s). */
  timeoutMs?: number;
  backoff?: Partial<BackoffPolicy>;
  random?: () => number;
}

/** The source kept failing after every retry; the pull stops here and resumes from its checkpoint. */
export class SourceUnavailableError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
  ) {
    super(message);
    this.name = 'SourceUnavailableError';
  }
}

class RetryableFailure extends Error {
  constructor(
    message: string,
    readonly status: number | null,
    readonly retryAfterMs: number | null,
  ) {
    super(message);
  }
}

export interface SourceResponse {
  status: number;
  headers: Headers;
  body: Buffer;
}

/**
 * HTTP to one legacy system: a rate limit of its own (bottleneck), and retries with exponential backoff
 * and jitter on 429, 5xx and timeouts, honouring `Retry-After`.
 */
export class SourceClient {
  readonly baseUrl: string;
  private readonly limiter: Bottleneck;
  private readonly policy: BackoffPolicy;
  private readonly timeoutMs: number;
  /** Retries made so far (for the connector's state and for tests). */
  retries = 0;

  constructor(options: SourceClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/$/, '');
    this.policy = { ...DEFAULT_BACKOFF, ...options.backoff };
    this.timeoutMs = options.timeoutMs ?? 10_000;
    const random = options.random ?? Math.random;
    this.limiter = new Bottleneck({ maxConcurrent: 1, minTime: Math.ceil(1000 / (options.ratePerSecond ?? 5)) });
    this.limiter.on('failed', (error: unknown, job) => {
      if (!(error instanceof RetryableFailure) || job.retryCount + 1 >= this.policy.maxAttempts) return undefined;
      this.retries++;
      return retryDelayMs(this.policy, job.retryCount + 1, error.retryAfterMs, random);
    });
  }

  /** GET `path` (with query) from the source; answers 2xx/4xx as they are, after retrying the rest. */
  async get(path: string, query: Record<string, string | number | undefined> = {}): Promise<SourceResponse> {
    const url = new URL(`${this.baseUrl}${path}`);
    for (const [key, value] of Object.entries(query)) if (value !== undefined) url.searchParams.set(key, String(value));
    try {
      return await this.limiter.schedule(() => this.attempt(url));
    } catch (error) {
      if (error instanceof RetryableFailure) {
        throw new SourceUnavailableError(`${url.origin}${url.pathname}: ${error.message} after ${this.policy.maxAttempts} attempts`, error.status);
      }
      throw error;
    }
  }

  async close(): Promise<void> {
    await this.limiter.stop({ dropWaitingJobs: true });
  }

  private async attempt(url: URL): Promise<SourceResponse> {
    let response: Response;
    try {
      response = await fetch(url, { signal: AbortSignal.timeout(this.timeoutMs) });
    } catch (error) {
      throw new RetryableFailure(`no answer (${(error as Error).name === 'TimeoutError' ? 'timeout' : (error as Error).message})`, null, null);
    }
    const body = Buffer.from(await response.arrayBuffer());
    if (isRetryableStatus(response.status)) {
      throw new RetryableFailure(`HTTP ${response.status}`, response.status, parseRetryAfter(response.headers.get('retry-after'), new Date()));
    }
    return { status: response.status, headers: response.headers, body };
  }
}
