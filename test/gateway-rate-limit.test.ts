import type { RunningGateway } from '@huying/gateway';
import { startTestGateway } from './support/gateway';

const LIMIT = 3;
const ask = (url: string, headers: Record<string, string> = {}) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query: '{ __typename }' }) });

describe('the rate limit per credential', () => {
  let gateway: RunningGateway;
  beforeAll(async () => (gateway = await startTestGateway({ limits: { rateLimitPerMinute: LIMIT } })));
  afterAll(() => gateway?.close());

  it('answers 429 with Retry-After and a JSON GraphQL error once a token has had its requests this minute', async () => {
    const token = { authorization: 'Bearer system-a' };
    for (let request = 0; request < LIMIT; request++) expect((await ask(gateway.url, token)).status).toBe(200);
    const refused = await ask(gateway.url, token);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    expect(refused.headers.get('content-type')).toMatch(/^application\/json/);
    const body = (await refused.json()) as { errors: { message: string; extensions: Record<string, unknown> }[] };
    expect(body.errors).toHaveLength(1);
    expect(body.errors[0]!.message).toMatch(/^more than 3 requests a minute from this credential; retry after \d+ s$/);
    expect(body.errors[0]!.extensions).toMatchObject({ code: 'RATE_LIMITED', limit: LIMIT });
    expect((await ask(gateway.base + '/dashboard', token)).status).toBe(429);

    // another credential has its own count
    expect((await ask(gateway.url, { authorization: 'Bearer system-b' })).status).toBe(200);
  });

  it('counts callers without a token by their address, and never counts /health', async () => {
    for (let request = 0; request < LIMIT; request++) expect((await ask(gateway.url)).status).toBe(200);
    expect((await ask(gateway.url)).status).toBe(429);
    expect((await ask(gateway.url, { authorization: 'Bearer system-c' })).status).toBe(200);
    for (let probe = 0; probe < LIMIT + 2; probe++) expect((await fetch(`${gateway.base}/health`)).status).not.toBe(429);
  });
});
