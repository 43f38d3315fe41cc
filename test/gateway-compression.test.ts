import { request } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { testBackends } from '@huying/runtime';
import { startTestHub, type HubUnderTest } from './support/hub';
import { asOperator } from './support/operators';

const QUERY = JSON.stringify({ query: '{ categories { code name parentCode } }' });

/** POSTs the query over plain HTTP (no client that decompresses behind our back): status, headers and the raw bytes. */
function post(url: string, headers: Record<string, string>): Promise<{ status: number; encoding: string | undefined; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const outgoing = request(url, { method: 'POST', headers: { 'content-type': 'application/json', ...asOperator('COMMAND_CENTRE'), ...headers } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode!, encoding: response.headers['content-encoding'], body: Buffer.concat(chunks) }));
    });
    outgoing.on('error', reject);
    outgoing.end(QUERY);
  });
}

describe.each(testBackends().slice(0, 1))('answers through the gateway on $kind', (backend) => {
  let under: HubUnderTest;
  beforeAll(async () => (under = await startTestHub(backend)));
  afterAll(() => under.stop());

  it('come gzip-compressed to a client that asks, and as they are to one that does not', async () => {
    const plain = await post(under.hub.url, {});
    expect(plain.status).toBe(200);
    expect(plain.encoding).toBeUndefined();
    const answer = JSON.parse(plain.body.toString('utf8')) as { data: { categories: unknown[] } };
    expect(answer.data.categories.length).toBeGreaterThan(20);
    expect(plain.body.length).toBeGreaterThan(1024);

    const gzipped = await post(under.hub.url, { 'accept-encoding': 'gzip' });
    expect(gzipped.status).toBe(200);
    expect(gzipped.encoding).toBe('gzip');
    expect(gzipped.body.length).toBeLessThan(plain.body.length / 2);
    expect(JSON.parse(gunzipSync(gzipped.body).toString('utf8'))).toEqual(answer);
  });
});
