import { CACHED_ANSWER_SECONDS } from '@huying/analytics';
import { testBackends } from '@huying/runtime';
import { eventually } from './support/eventually';
import { graphql } from './support/graphql';
import { askAnalytics, askAnalyticsUntilCached } from './support/analytics';
import { readModelCaughtUp, readModelQuiet } from './support/readModel';
import { startTestHub, type HubUnderTest } from './support/hub';
import { asOperator } from './support/operators';

const TOTAL = `query ($from: DateTime!, $to: DateTime!) { kpis(from: $from, to: $to) { cases } }`;
const SUBMIT = 'mutation ($r: [ReportInput!]!) { submitReports(reports: $r) { outcome } }';

describe.each(testBackends())('the dashboard answer cache on $kind', (backend) => {
  let under: HubUnderTest;
  beforeAll(async () => (under = await startTestHub(backend)));
  afterAll(() => under.stop());

  it('answers afresh within the staleness bound once an event changes the read model', async () => {
    const period = { from: new Date(Date.now() - 86_400_000).toISOString(), to: new Date(Date.now() + 86_400_000).toISOString() };
    const analytics = () => under.hub.subgraphs.analytics!.base;
    const totalOf = (answer: Awaited<ReturnType<typeof askAnalytics>>) => ({ cases: (answer.body.data!.kpis as { cases: number }[])[0]?.cases ?? 0, cached: answer.age !== null });
    const total = async () => totalOf(await askAnalytics(analytics(), TOTAL, period, 'COMMAND_CENTRE'));
    const submit = async (i: number, text: string) => {
      const r = [{ channel: 'HOTLINE', sourceId: `FRESH-${i}`, receivedAt: new Date().toISOString(), text, address: `江岸区${text.slice(0, 8)}` }];
      expect((await graphql(under.hub.url, SUBMIT, { r }, asOperator('INTAKE:test-system'))).errors).toBeUndefined();
      await eventually(async () => readModelCaughtUp(under.db), 'analytics to hold the report');
    };

    await submit(1, '二七路12号门口路灯不亮，晚上很黑');
    await eventually(async () => readModelQuiet(under.db), 'analytics to have applied every event');
    const before = (await total()).cases;
    expect(before).toBe(1);
    // The same question again is answered from the cache.
    const again = totalOf(await askAnalyticsUntilCached(analytics(), TOTAL, period, 'COMMAND_CENTRE'));
    expect(again).toEqual({ cases: before, cached: true });
    // The graph's answer is the same one.
    expect((await graphql(under.hub.url, TOTAL, period, asOperator('COMMAND_CENTRE'))).data!.kpis).toEqual([{ cases: before }]);

    await submit(2, '解放大道1000号工地夜间施工噪音扰民');
    const caughtUpAt = Date.now();
    await eventually(async () => (await total()).cases === before + 1 || undefined, 'the new case in the dashboard');
    expect(Date.now() - caughtUpAt).toBeLessThanOrEqual(CACHED_ANSWER_SECONDS * 1000);
  });
});
