import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLogger, gatewayHeaders, ManualClock, recordingStatements, serveSubgraph, testBackends, type RecordedStatement, type Sql } from '@huying/runtime';
import { fillCaseFacts } from '../bench/syntheticFacts';
import { DASHBOARD_QUERY } from './dashboard/dashboardQuery';
import { hotspots } from './hotspots';
import { openCases } from './openCases';
import { analyticsService } from './service';

const NOW = new Date('2026-01-01T00:00:00+08:00');

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

const planNodes = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(planNodes)];

/** Every node of a recorded statement's plan, as the database would run it now. */
async function plannedNodes(db: Sql, statement: RecordedStatement): Promise<PlanNode[]> {
  const [row] = await db.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] | string }>(`EXPLAIN (FORMAT JSON) ${statement.sql}`, statement.params);
  const plan = row!['QUERY PLAN'];
  return planNodes((typeof plan === 'string' ? JSON.parse(plan) : plan)[0].Plan);
}

describe('the dashboard’s question', () => {
  it('is the one the page asks', () => {
    const page = readFileSync(join(__dirname, 'dashboard', 'dashboard.js'), 'utf8');
    const [, mapPoints] = /var MAP_POINTS = (\d+);/.exec(page)!;
    const [, expression] = /var QUERY = ([\s\S]*?);\n/.exec(page)!;
    expect(new Function('MAP_POINTS', `return ${expression};`)(Number(mapPoints))).toBe(DASHBOARD_QUERY);
  });
});

describe.each(testBackends())('the dashboard’s statements on $kind', (backend) => {
  it('read the rollup and the facts’ indexes, never every fact (a year of 40,000 cases)', async () => {
    const { db, dispose } = await backend.open();
    const statements: RecordedStatement[] = [];
    const service = await analyticsService({ alertScanCron: null }).create({
      db: recordingStatements(db, statements),
      clock: new ManualClock(NOW),
      log: createLogger('analytics'),
      feed: () => ({ read: async () => [] }),
      endpoint: () => undefined,
    });
    const served = await serveSubgraph(service, recordingStatements(db, statements));
    try {
      // a case every 13 minutes over 2025 (and into 2026), one in sixteen still open, as the read model holds them
      await db.query(
        `INSERT INTO analytics.case_fact (case_id, created_at, channel, opened_category, street_id, street_name, community_id, department_id, lng, lat,
            deadline_at, responded_at, resolved, resolved_at, satisfied, report_count)
         SELECT 'c' || n, created, (ARRAY['HOTLINE','MESSAGE_BOARD','URBAN_MANAGEMENT','GRID'])[1 + n % 4], (ARRAY['0101','0202','0301'])[1 + n % 3],
                'S' || n % 13, '街道' || n % 13, 'S' || n % 13 || '-C' || n % 5, 'D' || n % 17, 114.25 + (n % 97) * 0.001, 30.55 + (n % 89) * 0.001,
                created + interval '1 day', created + interval '2 hours', n % 16 <> 0, CASE WHEN n % 16 <> 0 THEN created + interval '20 hours' END,
                CASE WHEN n % 3 = 0 THEN NULL ELSE n % 20 <> 1 END, 1
           FROM (SELECT n, timestamptz '2025-01-01 00:00:00+08' + n * interval '13 minutes' AS created FROM generate_series(0, 41999) AS n) AS generated`,
      );
      await db.query(`ANALYZE analytics.case_fact`);
      await db.query(`ANALYZE analytics.case_rollup`);
      await db.query(`ANALYZE analytics.hotspot_rollup`);
      statements.length = 0;

      const variables = { from: new Date(NOW.getTime() - 30 * 86_400_000).toISOString(), to: NOW.toISOString() };
      const response = await fetch(served.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...gatewayHeaders('COMMAND_CENTRE') },
        body: JSON.stringify({ query: DASHBOARD_QUERY, variables }),
      });
      const answer = (await response.json()) as { data?: { total: { cases: number }[]; openCaseMap: unknown[] }; errors?: unknown[] };
      expect(answer.errors).toBeUndefined();
      expect(answer.data!.total[0]!.cases).toBeGreaterThan(3000);
      expect(answer.data!.openCaseMap).toHaveLength(500);

      const reads = statements.filter((statement) => /analytics\.(case_fact|case_rollup|hotspot_rollup)/.test(statement.sql) && /^\s*(SELECT|WITH)/i.test(statement.sql));
      expect(reads.length).toBeGreaterThanOrEqual(5);
      const plans: { sql: string; nodes: PlanNode[] }[] = [];
      for (const statement of reads) plans.push({ sql: statement.sql, nodes: await plannedNodes(db, statement) });
      const scansOfEveryFact = plans.filter((plan) => plan.nodes.some((node) => node['Node Type'] === 'Seq Scan' && node['Relation Name'] === 'case_fact'));
      expect(scansOfEveryFact.map((plan) => plan.sql)).toEqual([]);
      // the 三率 and the trend are read from the rollup, the hotspots' ranking from theirs
      expect(plans.filter((plan) => plan.nodes.some((node) => node['Relation Name'] === 'case_rollup'))).toHaveLength(3);
      expect(plans.filter((plan) => plan.nodes.some((node) => node['Relation Name'] === 'hotspot_rollup'))).toHaveLength(1);
    } finally {
      await served.close();
      await service.stop?.();
      await dispose();
    }
  });
});

// A plan follows the table's size: at a few thousand open cases sorting them is the cheaper plan, so the map's
// is read at city scale, which is filled fast enough on a server only.
const servers = testBackends().filter((backend) => backend.kind === 'postgres');
(servers.length ? describe.each(servers) : describe.skip.each([{ kind: 'postgres' }]))('the open-case map and the hotspots on $kind at city scale', (backend) => {
  it('reads the map’s 500 points in their order from an index, never sorting every open case, and ranks a month’s hotspots from their rollup (300,000 cases, 18,750 open)', async () => {
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
      const nodes = await plannedNodes(db, statements[0]!);
      expect(nodes.filter((node) => node['Node Type'] === 'Sort')).toEqual([]);
      expect(nodes.map((node) => node['Index Name']).filter(Boolean)).toEqual(['case_fact_map_order_idx']);

      // the month's hotspots: ranked from their rollup, the ranked few read from their index
      statements.length = 0;
      const month = { from: new Date('2025-06-01T09:00:00+08:00'), to: new Date('2025-07-01T09:00:00+08:00') };
      expect(await hotspots(recordingStatements(db, statements), { ...month, first: 10, minCases: 2 })).toHaveLength(10);
      const hotspotPlans: PlanNode[][] = [];
      for (const statement of statements) hotspotPlans.push(await plannedNodes(db, statement));
      const read = (planned: PlanNode[]) => new Set(planned.map((node) => node['Index Name'] ?? node['Relation Name']).filter(Boolean));
      expect(hotspotPlans).toHaveLength(2);
      expect(read(hotspotPlans[0]!)).toEqual(new Set(['hotspot_rollup', 'hotspot_rollup_key', 'case_fact_created_idx', 'case_fact']));
      expect(hotspotPlans[0]!.filter((node) => node['Node Type'] === 'Seq Scan' && node['Relation Name'] === 'case_fact')).toEqual([]);
      expect(read(hotspotPlans[1]!)).toContain('case_fact_hotspot_idx');
      expect(read(hotspotPlans[1]!)).not.toContain('case_fact_created_idx');
    } finally {
      await service.stop?.();
      await dispose();
    }
  });
});
