import { scanForAlerts } from '@huying/analytics';
import { testBackends } from '@huying/runtime';
import { eventually } from './support/eventually';
import { graphql } from './support/graphql';
import { startTestHub, type HubUnderTest } from './support/hub';
import { beijingNoon } from './support/lampBurst';
import { asOperator } from './support/operators';
import { readModelCaughtUp } from './support/readModel';

const SUBMIT = `mutation($r: [ReportInput!]!) { submitReports(reports: $r) { case { id categoryConfidence } } }`;
const ALERTS = `query { alerts(detector: NEW_PROBLEM) { detector category { code } place placeName reports observed reason cases { id } } }`;

/** A kind of complaint the 2019 category tree has no branch for, in four people's words over two days. */
const CHARGERS = [
  { daysAgo: 2, title: '共享充电宝归还后仍在扣费', text: '上周在商场归还了共享充电宝，App里一直显示租借中，每天都在扣费。' },
  { daysAgo: 2, title: '共享充电宝已归还却被扣了99元', text: '共享充电宝明明还了，却按买断扣了99元，客服不处理。' },
  { daysAgo: 1, title: '共享充电宝扣费不退', text: '充电宝归还后还在计费，要求退还多扣的钱。' },
  { daysAgo: 1, title: '共享充电宝重复扣费', text: '同一个共享充电宝被扣了两次费用，找客服也没人理。' },
];

describe.each(testBackends())('a new problem outside the category tree on $kind', (backend) => {
  let under: HubUnderTest;
  beforeAll(async () => (under = await startTestHub(backend)));
  afterAll(() => under.stop());

  it('raises a NEW_PROBLEM alert for requests the tree cannot place that say the same thing', async () => {
    const reports = [
      // The city's records begin six weeks back: the detector's baselines need four weeks of history.
      { channel: 'HOTLINE', sourceId: 'NP-0', receivedAt: beijingNoon(45), text: '黎黄陂路路灯不亮', address: '江岸区黎黄陂路' },
      ...CHARGERS.map(({ daysAgo, title, text }, index) => ({
        channel: index % 2 ? 'MESSAGE_BOARD' : 'HOTLINE',
        sourceId: `NP-${index + 1}`,
        receivedAt: beijingNoon(daysAgo, 9 + index),
        title,
        text,
        contact: `1380000${String(index).padStart(4, '0')}`,
      })),
    ];
    const submitted = await graphql(under.hub.url, SUBMIT, { r: reports }, asOperator('INTAKE:test-system'));
    expect(submitted.errors).toBeUndefined();
    // The classifier's guess for each is unsure: none is placed in a branch it knows.
    for (const answer of submitted.data!.submitReports.slice(1) as { case: { categoryConfidence: number | null } }[]) expect(answer.case.categoryConfidence ?? 0).toBeLessThan(0.9);

    await eventually(async () => readModelCaughtUp(under.db), 'analytics to hold every report');
    await scanForAlerts(under.db, new Date());
    const alerts = (await graphql(under.hub.url, ALERTS, {}, asOperator('COMMAND_CENTRE'))).data!.alerts as Record<string, unknown>[];
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ detector: 'NEW_PROBLEM', category: { code: '9901' }, reports: 4, observed: 4 });
    // Named by its first request's title (the first day's, by case id).
    expect([CHARGERS[0]!.title, CHARGERS[1]!.title]).toContain(alerts[0]!.placeName);
    expect(alerts[0]!.reason).toContain('不属任何已知类别的新问题');
    expect((alerts[0]!.cases as unknown[]).length).toBeGreaterThan(0);

    // Scanned again, it is the same alert.
    await scanForAlerts(under.db, new Date());
    expect(((await graphql(under.hub.url, ALERTS, {}, asOperator('COMMAND_CENTRE'))).data!.alerts as unknown[]).length).toBe(1);
  });
});
