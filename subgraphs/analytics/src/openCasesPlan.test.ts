import { createLogger, ManualClock, recordingStatements, testBackends, type RecordedStatement } from '@huying/runtime';
import { fillCaseFacts } from '../bench/syntheticFacts';
import { openCases } from './openCases';
import { analyticsService } from './service';

interface PlanNode {
  'Node Type': string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

const planNodes = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(planNodes)];

// A plan follows the table's size: at a few thousand open cases sorting them is the cheaper plan, so the map's
// is read at city scale, which is filled fast enough on a server only.
const servers = testBackends().filter((backend) => backend.kind === 'postgres');
(servers.length ? describe.each(servers) : describe.skip.each([{ kind: 'postgres' }]))('the open-case map on $kind at city scale', (backend) => {
  it('reads its 500 points in their order from an index, never sorting every open case (300,000 cases, 18,750 open)', async () => {
    const { db, dispose } = await (backend as ReturnType<typeof testBackends>[number]).open();
    const service = await analyticsService({ alertScanCron: null }).create({
      db,
      clock: new ManualClock(new Date('2026-01-01T00:00:00+08:00')),
      log: createLogger('analytics'),
      feed: () => ({ read: async () => [] }),
      endpoint: () => undefined,
    });
    try {
      await fillCaseFacts(db, 300_000, new Date('2025-01-01T00:00:00+08:00'));
      await db.query('ANALYZE analytics.case_fact');
      const statements: RecordedStatement[] = [];
      const points = await openCases(recordingStatements(db, statements), { first: 500, streetId: null });
      expect(points).toHaveLength(500);
      // none red or yellow here: the longest open first
      expect(points.map((point) => point.createdAt.getTime())).toEqual(points.map((point) => point.createdAt.getTime()).sort((a, b) => a - b));
      expect(statements).toHaveLength(1);
      const [row] = await db.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] | string }>(`EXPLAIN (FORMAT JSON) ${statements[0]!.sql}`, statements[0]!.params);
      const plan = row!['QUERY PLAN'];
      const nodes = planNodes((typeof plan === 'string' ? JSON.parse(plan) : plan)[0].Plan);
      expect(nodes.filter((node) => node['Node Type'] === 'Sort')).toEqual([]);
      expect(nodes.map((node) => node['Index Name']).filter(Boolean)).toEqual(['case_fact_map_order_idx']);
    } finally {
      await service.stop?.();
      await dispose();
    }
  });
});
