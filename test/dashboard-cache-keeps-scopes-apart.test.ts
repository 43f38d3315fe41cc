import { testBackends } from '@huying/runtime';
import { askAnalytics, askAnalyticsUntilCached } from './support/analytics';
import { eventually } from './support/eventually';
import { graphql } from './support/graphql';
import { readModelCaughtUp, readModelQuiet } from './support/readModel';
import { startTestHub, type HubUnderTest } from './support/hub';
import { asOperator } from './support/operators';

const DASHBOARD = `query ($from: DateTime!, $to: DateTime!) {
  kpis(from: $from, to: $to, groupBy: [STREET]) { key cases }
  openCaseMap(first: 500) { case { id } streetId light }
}`;
const ALERTS = `{ alerts { id } }`;

describe.each(testBackends())('the dashboard answer cache on $kind', (backend) => {
  let under: HubUnderTest;
  beforeAll(async () => (under = await startTestHub(backend)));
  afterAll(() => under.stop());

  it('answers one scope from its own cached answer only, and never caches alerts or a refusal', async () => {
    const reports = ['二七路12号门口路灯不亮', '胜利街与黎黄陂路口井盖丢了', '解放大道1000号噪音扰民'].map((text, i) => ({
      channel: 'HOTLINE',
      sourceId: `CACHE-${i}`,
      receivedAt: new Date(Date.now() - (i + 1) * 3600_000).toISOString(),
      text,
      address: `江岸区${text.slice(0, 6)}`,
    }));
    expect((await graphql(under.hub.url, 'mutation ($r: [ReportInput!]!) { submitReports(reports: $r) { outcome } }', { r: reports }, asOperator('INTAKE:test-system'))).errors).toBeUndefined();
    await eventually(async () => readModelCaughtUp(under.db), 'analytics to hold every report');
    await eventually(async () => readModelQuiet(under.db), 'analytics to have applied every event');

    const analytics = under.hub.subgraphs.analytics!.base;
    const period = { from: new Date(Date.now() - 30 * 86_400_000).toISOString(), to: new Date(Date.now() + 86_400_000).toISOString() };
    const first = await askAnalytics(analytics, DASHBOARD, period, 'COMMAND_CENTRE');
    expect(first.body.errors).toBeUndefined();
    expect(first.age).toBeNull();
    // what the gateway may keep of it, and for how long: its own cache's rule
    expect(first.cacheControl).toBe('max-age=5, public');
    const again = await askAnalyticsUntilCached(analytics, DASHBOARD, period, 'COMMAND_CENTRE');
    expect(again.age).not.toBeNull();
    expect(again.body).toEqual(first.body);

    // Another scope asks the same: computed for it, not handed the command centre's answer.
    const supervisor = await askAnalytics(analytics, DASHBOARD, period, 'SUPERVISOR');
    expect(supervisor.age).toBeNull();
    expect((await askAnalyticsUntilCached(analytics, DASHBOARD, period, 'SUPERVISOR')).age).not.toBeNull();
    // A street may not see single open cases: refused each time, and the refusal is never kept either.
    for (let i = 0; i < 2; i++) {
      const street = await askAnalytics(analytics, DASHBOARD, period, 'STREET:erqi');
      expect(street.age).toBeNull();
      expect(street.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(street.cacheControl).toBe('no-store');
    }
    expect((await askAnalyticsUntilCached(analytics, DASHBOARD, period, 'COMMAND_CENTRE')).age).not.toBeNull();

    // Without the gateway's word the caller is nobody: refused each time, never served a cached answer.
    for (let i = 0; i < 2; i++) {
      const nobody = await askAnalytics(analytics, DASHBOARD, period, null);
      expect(nobody.age).toBeNull();
      expect(nobody.body.data ?? null).toBeNull();
      expect(nobody.body.errors?.[0]?.extensions?.code).toMatch(/UNAUTHENTICATED|FORBIDDEN/);
    }
    // The command centre's working lists are read fresh every time.
    await askAnalytics(analytics, ALERTS, {}, 'COMMAND_CENTRE');
    const alerts = await askAnalytics(analytics, ALERTS, {}, 'COMMAND_CENTRE');
    expect([alerts.age, alerts.cacheControl]).toEqual([null, 'no-store']);
  });
});
