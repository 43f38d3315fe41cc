import { scanForAlerts } from '@huying/analytics';
import { testBackends } from '@huying/runtime';
import { eventually } from './support/eventually';
import { graphql } from './support/graphql';
import { readModelCaughtUp } from './support/readModel';
import { startTestHub, type HubUnderTest } from './support/hub';
import { asOperator } from './support/operators';
import { beijingNoon, lampBurstReports } from './support/lampBurst';

const SUBMIT = `mutation($r: [ReportInput!]!) { submitReports(reports: $r) { case { id } } }`;
const ALERTS = `query { alerts(status: [OPEN, ACKNOWLEDGED, DISMISSED]) { id detector category { code } place openedOn reports observed expected score reason status cases { id status } } }`;
const DISMISS = `mutation($id: ID!, $reason: String!) { dismissAlert(id: $id, reason: $reason) { id status decidedBy decisionReason } }`;
const ACKNOWLEDGE = `mutation($id: ID!) { acknowledgeAlert(id: $id, reason: "已通知路灯所") { id status decidedBy } }`;
const OUTCOMES = `query($from: String!, $to: String!) { alertOutcomes(from: $from, to: $to) { detector raised open acknowledged dismissed precision } }`;
const AUDIT = `query($s: ID) { auditLog(subjectId: $s) { nodes { action actor before after reason } } }`;

describe.each(testBackends())('emerging-issue alerts through the gateway on $kind', (backend) => {
  let under: HubUnderTest;
  beforeAll(async () => (under = await startTestHub(backend)));
  afterAll(() => under.stop());

  it('raise one for a lamp reported again and again at one crossing, show it to the command centre only, and keep its decision', async () => {
    const reports = lampBurstReports();
    const submitted = await graphql(under.hub.url, SUBMIT, { r: reports }, asOperator('INTAKE:test-system'));
    expect(submitted.errors).toBeUndefined();

    // Analytics reads the reports from the cases' events and dispatch's placing of each case; a request
    // counts once its case is placed. The scan runs hourly; the test runs it once everything is placed.
    await eventually(async () => readModelCaughtUp(under.db), 'analytics to hold every report and dispatch to place every case');
    const [alert] = await eventually(async () => {
      await scanForAlerts(under.db, new Date());
      const found = (await graphql(under.hub.url, ALERTS, {}, asOperator('COMMAND_CENTRE'))).data?.alerts as Record<string, unknown>[] | undefined;
      return found?.length ? found : undefined;
    }, 'the scan to raise an alert');
    // the week's window holds the seven calls of the last two days and the usual one a week before
    expect(alert).toMatchObject({ detector: 'PLACE_PROBLEM', status: 'OPEN', reports: 8, observed: 8 });
    expect(alert!.score as number).toBeGreaterThan(3);
    expect(alert!.reason).toContain('近7天8件');
    expect((alert!.cases as { id: string; status: string }[]).length).toBeGreaterThan(0);
    // Every case in it came from one of the burst's calls, and the graph resolves each through the cases service.
    for (const one of alert!.cases as { id: string; status: string }[]) expect(one.status).toEqual(expect.any(String));

    for (const role of ['STREET:erqi', 'CITIZEN', 'CALLBACK', null] as const) {
      const refused = await graphql(under.hub.url, ALERTS, {}, role ? asOperator(role) : {});
      expect(refused.errors?.[0]?.extensions?.code).toMatch(/FORBIDDEN|UNAUTHENTICATED/);
    }
    const bySupervisor = await graphql(under.hub.url, ACKNOWLEDGE, { id: alert!.id }, asOperator('SUPERVISOR'));
    expect(bySupervisor.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const withoutReason = await graphql(under.hub.url, DISMISS, { id: alert!.id, reason: ' ' }, asOperator('COMMAND_CENTRE'));
    expect(withoutReason.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    const unknown = await graphql(under.hub.url, DISMISS, { id: 'PLACE_PROBLEM:nowhere', reason: '误报' }, asOperator('COMMAND_CENTRE'));
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');

    const acknowledged = await graphql(under.hub.url, ACKNOWLEDGE, { id: alert!.id }, asOperator('COMMAND_CENTRE'));
    expect(acknowledged.data?.acknowledgeAlert).toEqual({ id: alert!.id, status: 'ACKNOWLEDGED', decidedBy: 'COMMAND_CENTRE' });
    const dismissed = await graphql(under.hub.url, DISMISS, { id: alert!.id, reason: '同一盏灯，已在处理' }, asOperator('COMMAND_CENTRE'));
    expect(dismissed.data?.dismissAlert).toEqual({ id: alert!.id, status: 'DISMISSED', decidedBy: 'COMMAND_CENTRE', decisionReason: '同一盏灯，已在处理' });
    const again = await graphql(under.hub.url, ACKNOWLEDGE, { id: alert!.id }, asOperator('COMMAND_CENTRE'));
    expect(again.errors?.[0]?.extensions?.code).toBe('CONFLICT');

    // Scanned again, the alert is the same one, its decision kept.
    await scanForAlerts(under.db, new Date());
    const after = (await graphql(under.hub.url, ALERTS, {}, asOperator('COMMAND_CENTRE'))).data!.alerts as { id: string; status: string }[];
    expect(after.map(({ id, status }) => ({ id, status }))).toEqual([{ id: alert!.id, status: 'DISMISSED' }]);
    // The detector's record: one raised, dismissed as a false alarm.
    const [from, to] = [beijingNoon(30).slice(0, 10), beijingNoon(-1).slice(0, 10)];
    const outcomes = await graphql(under.hub.url, OUTCOMES, { from, to }, asOperator('SUPERVISOR'));
    expect(outcomes.data?.alertOutcomes).toEqual([{ detector: 'PLACE_PROBLEM', raised: 1, open: 0, acknowledged: 0, dismissed: 1, precision: 0 }]);
    const badPeriod = await graphql(under.hub.url, OUTCOMES, { from: 'last month', to }, asOperator('SUPERVISOR'));
    expect(badPeriod.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'from' });
    const audit = (await graphql(under.hub.url, AUDIT, { s: alert!.id }, asOperator('ADMIN'))).data!.auditLog.nodes as { action: string }[];
    expect(audit.map((entry) => entry.action).sort()).toEqual(['ALERT_ACKNOWLEDGED', 'ALERT_DISMISSED']);
    expect(audit.find((entry) => entry.action === 'ALERT_DISMISSED')).toMatchObject({ actor: 'COMMAND_CENTRE', reason: '同一盏灯，已在处理', before: { status: 'ACKNOWLEDGED' }, after: { status: 'DISMISSED' } });
  });
});
