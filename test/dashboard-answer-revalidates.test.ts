import { request } from 'node:http';
import { DASHBOARD_QUERY } from '@huying/analytics';
import { testBackends } from '@huying/runtime';
import { startTestHub, type HubUnderTest } from './support/hub';
import { asOperator } from './support/operators';

/** A GET as a browser sends it, with node's own client (Node's fetch got a 200 where this gets the 304). */
function get(url: string, headers: Record<string, string>): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const asked = request(url, { headers }, (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode!, headers: response.headers, body }));
    });
    asked.on('error', reject);
    asked.end();
  });
}

describe.each(testBackends())('the dashboard’s answer kept by the browser on $kind', (backend) => {
  let under: HubUnderTest;
  beforeAll(async () => {
    under = await startTestHub(backend);
  });
  afterAll(() => under.stop());

  const url = (query: string, variables: object = {}) => `${under.hub.url}?${new URLSearchParams({ query, variables: JSON.stringify(variables) })}`;
  const COMMAND_CENTRE = { ...asOperator('COMMAND_CENTRE'), 'apollo-require-preflight': 'true' } as Record<string, string>;

  it('is revalidated by its ETag: unchanged, a 304 without the body; only privately, and only for the aggregates', async () => {
    const dashboard = url(DASHBOARD_QUERY, { from: '2026-11-01T00:00:00+08:00', to: '2026-12-01T00:00:00+08:00' });
    const first = await get(dashboard, COMMAND_CENTRE);
    expect(first.status).toBe(200);
    expect(JSON.parse(first.body).errors).toBeUndefined();
    expect(first.headers['cache-control']).toBe('private, no-cache');
    expect(String(first.headers.vary).toLowerCase()).toContain('authorization');
    const again = await get(dashboard, { ...COMMAND_CENTRE, 'if-none-match': String(first.headers.etag) });
    expect([again.status, again.body]).toEqual([304, '']);

    // a case list holds personal data: never kept; nor the map's cases asked beyond their id
    const cases = await get(url('{ cases(first: 1) { totalCount } }'), COMMAND_CENTRE);
    expect([cases.status, cases.headers['cache-control']]).toEqual([200, 'no-store']);
    const reports = await get(url('{ openCaseMap(first: 5) { case { id reports { text } } } }'), COMMAND_CENTRE);
    expect([reports.status, reports.headers['cache-control']]).toEqual([200, 'no-store']);
    // nor an answer asked with POST
    const posted = await fetch(under.hub.url, { method: 'POST', headers: { ...asOperator('COMMAND_CENTRE'), 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ kpis(from: "2026-11-01T00:00:00+08:00", to: "2026-12-01T00:00:00+08:00") { cases } }' }) });
    expect(posted.headers.get('cache-control')).toBe('no-store');
  });
});
