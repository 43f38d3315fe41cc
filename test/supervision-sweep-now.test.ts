import { ManualClock, testBackends } from '@huying/runtime';
import { eventually } from './support/eventually';
import { graphql } from './support/graphql';
import { startTestHub, type HubUnderTest } from './support/hub';
import { asOperator } from './support/operators';

const SWEEP = 'mutation { runSupervisionSweep { checked lightsChanged remindersCreated } }';

describe.each(testBackends())('the 督办 sweep run now, through the gateway, on $kind', (backend) => {
  let under: HubUnderTest;
  const clock = new ManualClock('2026-11-20T02:00:00Z');
  beforeAll(async () => (under = await startTestHub(backend, { clock })));
  afterAll(() => under.stop());

  it('lights an overdue case red when a supervisor asks, without waiting for the cron', async () => {
    const submitted = await graphql(under.hub.url, 'mutation ($r: [ReportInput!]!) { submitReports(reports: $r) { case { id } } }', {
      r: [{ channel: 'HOTLINE', sourceId: 'SW-1', receivedAt: '2026-11-20T10:00:00+08:00', text: '二七路口下水道堵塞，路面大面积积水', address: '江岸区二七路', categoryHint: '排水' }],
    }, asOperator('INTAKE:test-system'));
    const caseId = submitted.data!.submitReports[0].case.id as string;
    const light = async () => (await graphql(under.hub.url, 'query ($id: ID!) { case(id: $id) { dueAt slaLight } }', { id: caseId }, asOperator('SUPERVISOR'))).data!.case;
    const before = await eventually(async () => ((await light()).dueAt ? light() : null), 'the dispatch');
    expect(before.slaLight).toBe('GREEN');

    clock.set(new Date(new Date(before.dueAt).getTime() + 60_000));
    const report = await graphql(under.hub.url, SWEEP, {}, asOperator('SUPERVISOR'));
    expect(report.errors).toBeUndefined();
    expect(report.data!.runSupervisionSweep).toMatchObject({ lightsChanged: 1, remindersCreated: 1 });
    expect((await light()).slaLight).toBe('RED');
    // Run again, nothing more happens; a department's key cannot run it.
    expect((await graphql(under.hub.url, SWEEP, {}, asOperator('SUPERVISOR'))).data!.runSupervisionSweep).toMatchObject({ lightsChanged: 0, remindersCreated: 0 });
    expect((await graphql(under.hub.url, SWEEP, {}, asOperator('CITIZEN'))).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
