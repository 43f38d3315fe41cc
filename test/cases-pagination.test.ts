import { testBackends } from '@huying/runtime';
import { graphql } from './support/graphql';
import { startTestHub, type HubUnderTest } from './support/hub';
import { asOperator } from './support/operators';

// A command-centre seat: it takes calls in and reads the case record.
const COMMAND_CENTRE = asOperator('COMMAND_CENTRE');

const PAGE = `query Page($first: Int, $after: String, $filter: CaseFilter) {
  cases(first: $first, after: $after, filter: $filter) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { id title createdAt } }
  }
}`;

const texts = ['楼道灯坏了', '小区门口占道经营', '窨井盖缺失', '噪音扰民', '垃圾堆放多日无人清运', '路灯不亮', '下水道堵塞污水外溢'];

describe.each(testBackends())('paging through cases on $kind', (backend) => {
  let under: HubUnderTest;
  beforeAll(async () => {
    under = await startTestHub(backend);
    const reports = texts.map((text, i) => ({
      channel: i % 2 ? 'MESSAGE_BOARD' : 'GRID',
      sourceId: `P-${i}`,
      // Two reports share a time, so the cursor must break ties by id.
      receivedAt: new Date(Date.UTC(2026, 10, 1 + Math.min(i, 5), 8)).toISOString(),
      text,
    }));
    const result = await graphql(under.hub.url, 'mutation($r: [ReportInput!]!) { submitReports(reports: $r) { outcome } }', { r: reports }, COMMAND_CENTRE);
    expect(result.errors).toBeUndefined();
  });
  afterAll(() => under.stop());

  it('walks every case once, newest first, with cursors and a total count', async () => {
    const seen: { id: string; createdAt: string }[] = [];
    let after: string | null = null;
    for (let page = 0; page < 10; page++) {
      const result: any = await graphql(under.hub.url, PAGE, { first: 3, after }, COMMAND_CENTRE);
      expect(result.errors).toBeUndefined();
      const connection = result.data.cases;
      expect(connection.totalCount).toBe(texts.length);
      seen.push(...connection.edges.map((edge: any) => edge.node));
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(texts.length);
    expect(new Set(seen.map((node) => node.id)).size).toBe(texts.length);
    const times = seen.map((node) => node.createdAt);
    expect([...times].sort().reverse()).toEqual(times);
  });

  it('filters by channel, text and time, counting only what matches', async () => {
    const byChannel: any = await graphql(under.hub.url, PAGE, { filter: { channel: 'MESSAGE_BOARD' } }, COMMAND_CENTRE);
    expect(byChannel.data.cases.totalCount).toBe(3);
    const byText: any = await graphql(under.hub.url, PAGE, { filter: { text: '井盖' } }, COMMAND_CENTRE);
    expect(byText.data.cases.edges.map((edge: any) => edge.node.title)).toEqual(['窨井盖缺失']);
    const byTime: any = await graphql(under.hub.url, PAGE, { filter: { createdAfter: '2026-11-05T00:00:00Z' } }, COMMAND_CENTRE);
    expect(byTime.data.cases.totalCount).toBe(3);
  });

  it('refuses a cursor it did not hand out with a typed error', async () => {
    const result = await graphql(under.hub.url, PAGE, { after: 'not-a-cursor' }, COMMAND_CENTRE);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });
});
