import type { RunningGateway } from '@huying/gateway';
import { startTestGateway } from './support/gateway';
import { asOperator } from './support/operators';

const SUBMIT = 'mutation($r: [ReportInput!]!) { submitReports(reports: $r) { outcome } }';
const body = (bytes: number) => JSON.stringify({ query: SUBMIT, variables: { r: [{ channel: 'HOTLINE', sourceId: 'GD-BIG', receivedAt: '2026-11-20T10:00:00+08:00', text: 'x'.repeat(bytes) }] } });

describe('a request body over the limit', () => {
  let gateway: RunningGateway;
  let defaults: RunningGateway;
  beforeAll(async () => {
    gateway = await startTestGateway({ limits: { maxBodyBytes: 64 * 1024 } });
    defaults = await startTestGateway();
  });
  afterAll(async () => {
    await gateway?.close();
    await defaults?.close();
  });

  const post = (url: string, payload: string) =>
    fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...asOperator('INTAKE:test-system') }, body: payload });

  it('is refused with 413 and a JSON GraphQL error naming the limit, before it reaches the graph', async () => {
    const response = await post(gateway.url, body(100 * 1024));
    expect(response.status).toBe(413);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await response.json()).toEqual({
      errors: [{ message: 'the request body is larger than the limit of 65536 bytes (HUYING_MAX_BODY)', extensions: { code: 'PAYLOAD_TOO_LARGE', limit: 65536 } }],
    });
  });

  it('is 5 MB by default (no longer express.json’s 50 MB), however the body is sent', async () => {
    const response = await post(defaults.url, body(6 * 1024 * 1024));
    expect(response.status).toBe(413);
    expect(((await response.json()) as { errors: { extensions: { limit: number } }[] }).errors[0]!.extensions.limit).toBe(5 * 1024 * 1024);
    // a body that does not say its length up front is counted as it arrives
    const chunked = await fetch(defaults.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: new Blob([body(6 * 1024 * 1024)]).stream(),
      duplex: 'half',
    } as RequestInit);
    expect(chunked.status).toBe(413);
    expect(((await chunked.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('PAYLOAD_TOO_LARGE');
  });
});
