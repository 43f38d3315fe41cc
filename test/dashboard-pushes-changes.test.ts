import { testBackends } from '@huying/runtime';
import { graphql } from './support/graphql';
import { startTestHub, type HubUnderTest } from './support/hub';
import { asOperator } from './support/operators';

/** Reads a server-sent event stream until `until` holds of what came, or `ms` pass. */
async function readEvents(body: ReadableStream<Uint8Array>, until: (text: string) => boolean, ms: number): Promise<string> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  const deadline = Date.now() + ms;
  while (!until(text) && Date.now() < deadline) {
    const chunk = await Promise.race([reader.read(), new Promise<null>((resolve) => setTimeout(() => resolve(null), deadline - Date.now()))]);
    if (!chunk || chunk.done) break;
    text += decoder.decode(chunk.value, { stream: true });
  }
  reader.releaseLock();
  return text;
}

describe.each(testBackends())('the dashboard told of changes on $kind', (backend) => {
  let under: HubUnderTest;
  beforeAll(async () => {
    under = await startTestHub(backend);
  });
  // a screen still follows when the hub stops: the gateway cuts its stream instead of waiting for it forever
  afterAll(() => under.stop(), 20_000);

  const changes = (headers: Record<string, string> = {}, signal?: AbortSignal) => fetch(`${under.hub.gateway.base}/dashboard/changes`, { headers, signal });

  it('refuses a caller who may not read the aggregates, as the graph would', async () => {
    const anonymous = await changes();
    expect([anonymous.status, ((await anonymous.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code]).toEqual([401, 'UNAUTHENTICATED']);
    const callback = await changes(asOperator('CALLBACK'));
    expect([callback.status, ((await callback.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code]).toEqual([403, 'FORBIDDEN']);
    const withdrawn = await changes({ authorization: 'Bearer hyop_not_a_token_anyone_has' });
    expect(withdrawn.status).toBe(401);
  });

  it('pushes `changed` to every screen following it once a report reaches the read model, and nothing while it rests', async () => {
    const stop = new AbortController();
    try {
      const screens = await Promise.all([changes(asOperator('COMMAND_CENTRE'), stop.signal), changes(asOperator('SUPERVISOR'), stop.signal)]);
      for (const screen of screens) {
        expect([screen.status, screen.headers.get('content-type')]).toEqual([200, 'text/event-stream; charset=utf-8']);
      }
      const [first, second] = screens.map((screen) => screen.body!);
      expect(await readEvents(first!, (text) => text.includes('\n\n'), 5_000)).toMatch(/^retry: 5000\nevent: version\ndata: \d+\n\n/);
      // a hub at rest: no report, no change (the polls of its read model find the same version)
      expect(await readEvents(first!, (text) => text.includes('event: changed'), 2_500)).not.toContain('event: changed');

      const report = { channel: 'HOTLINE', sourceId: 'PUSH-0001', receivedAt: '2026-11-20T09:58:00+08:00', text: '二七路口下水道堵塞，路面大面积积水', address: '江岸区二七路' };
      const submitted = await graphql(under.hub.url, `mutation ($reports: [ReportInput!]!) { submitReports(reports: $reports) { case { id } } }`, { reports: [report] }, asOperator('INTAKE:test-system'));
      expect(submitted.errors).toBeUndefined();
      for (const body of [first!, second!]) expect(await readEvents(body, (text) => /event: changed\ndata: \d+\n\n/.test(text), 20_000)).toMatch(/event: changed\ndata: \d+\n\n/);
    } finally {
      stop.abort();
    }
  });

  it('survives a screen that leaves while its access is checked, and stops with a screen still following', async () => {
    const leaving = new AbortController();
    const asked = changes(asOperator('COMMAND_CENTRE'), leaving.signal).catch(() => null);
    leaving.abort();
    await asked;
    // the one still following when the hub stops (afterAll) must not keep it from stopping
    const staying = await changes(asOperator('COMMAND_CENTRE'));
    expect(staying.status).toBe(200);
  });
});
