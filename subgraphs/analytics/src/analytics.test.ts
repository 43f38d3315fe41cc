import { createLogger, gatewayHeaders, ManualClock, serveSubgraph, testBackends, type Database, type ServedSubgraph } from '@huying/runtime';
import { applyAnalyticsEvent } from './projector';
import { analyticsService, type AnalyticsService } from './service';
import { DistrictStory, listFeed, shuffled, type SourcedEvent } from './analyticsEvents.testkit';

// The gateway's word for a supervisor (with its secret), as it passes on an export.
const SUPERVISOR = gatewayHeaders('SUPERVISOR');

/**
 * March 2026 in a district of two streets (times in UTC; Beijing is UTC+8):
 *   K1 S01 垃圾(0101) signed in time, resolved in time, rated satisfied, got a repeat call, absorbed K5
 *   K2 S01 0101 signed late, resolved late, rated dissatisfied → reopened, round 2 not resolved yet
 *   K3 S02 井盖(0202) signed in time, resolved, rated dissatisfied → reopened, round 2 resolved after the
 *      deadline, rated satisfied
 *   K4 S02 0202 dispatched, never signed, light YELLOW then RED
 *   K5 S01 0101 merged into K1 (not counted on its own)
 *   K6 S01 0101 in February (the month before), resolved in time
 *   K7 opened 2026-03-31T17:00Z = 1 April 01:00 in Beijing: April, not March
 */
function march(): DistrictStory {
  return new DistrictStory()
    .opened('K1', '2026-03-02T01:00:00Z', 'S01', '0101', 'HOTLINE', 114.3, 30.6, '2026-03-03T01:00:00Z')
    .handled('K1', 'A1', 'D-SAN', 1, { dispatched: '2026-03-02T01:30:00Z', signed: '2026-03-02T02:00:00Z', resolved: '2026-03-02T10:00:00Z' }, '2026-03-03T01:00:00Z')
    .report('K1', 'K1-r2', 'HOTLINE', '2026-03-02T05:00:00Z', 'REPEAT')
    .evaluated('K1', 1, true, '2026-03-03T02:00:00Z')
    .opened('K2', '2026-03-05T01:00:00Z', 'S01', '0101', 'MESSAGE_BOARD', 114.3001, 30.6001, '2026-03-06T01:00:00Z')
    .handled('K2', 'A2', 'D-SAN', 1, { dispatched: '2026-03-05T02:00:00Z', signed: '2026-03-06T05:00:00Z', resolved: '2026-03-07T01:00:00Z' }, '2026-03-06T01:00:00Z')
    .evaluated('K2', 1, false, '2026-03-08T01:00:00Z')
    .handled('K2', 'A2b', 'D-SAN', 2, { dispatched: '2026-03-08T02:00:00Z' }, '2026-03-10T02:00:00Z')
    .opened('K3', '2026-03-10T01:00:00Z', 'S02', '0202', 'GRID', 114.35, 30.55, '2026-03-11T01:00:00Z')
    .handled('K3', 'A3', 'D-ROAD', 1, { dispatched: '2026-03-10T02:00:00Z', signed: '2026-03-10T03:00:00Z', resolved: '2026-03-10T09:00:00Z' }, '2026-03-11T01:00:00Z')
    .evaluated('K3', 1, false, '2026-03-10T12:00:00Z')
    .handled('K3', 'A3b', 'D-ROAD', 2, { dispatched: '2026-03-10T13:00:00Z', signed: '2026-03-10T14:00:00Z', resolved: '2026-03-12T01:00:00Z' }, '2026-03-11T01:00:00Z')
    .evaluated('K3', 2, true, '2026-03-12T05:00:00Z')
    .opened('K4', '2026-03-15T01:00:00Z', 'S02', '0202', 'HOTLINE', 114.3502, 30.5502, '2026-03-16T01:00:00Z')
    .handled('K4', 'A4', 'D-ROAD', 1, { dispatched: '2026-03-15T02:00:00Z' }, '2026-03-16T01:00:00Z')
    .light('K4', 'A4', 'D-ROAD', 'YELLOW', '2026-03-15T13:00:00Z')
    .light('K4', 'A4', 'D-ROAD', 'RED', '2026-03-16T01:00:00Z')
    .opened('K5', '2026-03-20T01:00:00Z', 'S01', '0101', 'HOTLINE', 114.3, 30.6, '2026-03-21T01:00:00Z')
    .merged('K5', 'K1', '2026-03-20T02:00:00Z')
    .opened('K6', '2026-02-20T01:00:00Z', 'S01', '0101', 'HOTLINE', 114.3, 30.6, '2026-02-21T01:00:00Z')
    .handled('K6', 'A6', 'D-SAN', 1, { dispatched: '2026-02-20T02:00:00Z', signed: '2026-02-20T03:00:00Z', resolved: '2026-02-20T08:00:00Z' }, '2026-02-21T01:00:00Z')
    .opened('K7', '2026-03-31T17:00:00Z', 'S02', '0202', 'HOTLINE', 114.35, 30.55, '2026-04-01T17:00:00Z');
}

const MARCH = { from: '2026-03-01T00:00:00+08:00', to: '2026-04-01T00:00:00+08:00' };

interface GraphQLAnswer {
  data?: Record<string, any> | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

describe.each(testBackends())('analytics read model on $kind', (backend) => {
  let db: Database;
  let dispose: () => Promise<void>;
  let served: ServedSubgraph;
  let service: AnalyticsService;
  const clock = new ManualClock(new Date('2026-04-01T00:00:00Z'));

  const graphql = async (query: string, variables: object = {}): Promise<GraphQLAnswer> => {
    // As the gateway asks for a command-centre operator.
    const response = await fetch(served.url, { method: 'POST', headers: { 'content-type': 'application/json', ...gatewayHeaders('COMMAND_CENTRE') }, body: JSON.stringify({ query, variables }) });
    return (await response.json()) as GraphQLAnswer;
  };

  async function startWith(events: readonly SourcedEvent[]): Promise<void> {
    ({ db, dispose } = await backend.open());
    service = await analyticsService().create({
      db,
      clock,
      log: createLogger('analytics'),
      feed: (name) => listFeed(events.filter((event) => event.source === name)),
      endpoint: () => undefined,
    });
    served = await serveSubgraph(service, db);
  }
  afterEach(async () => {
    await served.close();
    await service.stop?.();
    await dispose();
  });

  const KPIS = `query ($from: DateTime!, $to: DateTime!, $groupBy: [KpiDimension!]!) { kpis(from: $from, to: $to, groupBy: $groupBy) {
    key cases respondedOnTime resolved evaluated satisfied slaJudged slaMet repeated
    responseRate resolutionRate satisfactionRate slaComplianceRate repeatComplaintRate } }`;

  /** Everything the read model answers about the story, to compare two ways of feeding it. */
  async function answers(): Promise<unknown> {
    return {
      total: (await graphql(KPIS, { ...MARCH, groupBy: [] })).data,
      byStreetMonth: (await graphql(KPIS, { from: '2026-01-01T00:00:00+08:00', to: '2026-05-01T00:00:00+08:00', groupBy: ['STREET', 'MONTH'] })).data,
      byDepartment: (await graphql(KPIS, { ...MARCH, groupBy: ['DEPARTMENT', 'CATEGORY'] })).data,
      trends: (await graphql(`{ trends(from: "${MARCH.from}", to: "${MARCH.to}", interval: DAY, by: CHANNEL) { period key cases previous change } }`)).data,
      hotspots: (await graphql(`{ hotspots(from: "${MARCH.from}", to: "${MARCH.to}") { place cases reports openCases repeatCases } }`)).data,
      map: (await graphql(`{ openCaseMap { case { id } light } }`)).data,
    };
  }

  it('computes the 三率 of a hand-worked month, counting a reopened case as the city does', async () => {
    await startWith(march().events);
    expect(await service.drain()).toBe(march().events.length);

    const total = await graphql(KPIS, { ...MARCH, groupBy: [] });
    expect(total.errors).toBeUndefined();
    // Counted: K1 K2 K3 K4 (K5 merged into K1, K6 February, K7 April in Beijing).
    // 响应率: K1 and K3 signed before the deadline → 2/4. 解决率: K1, and K3 whose round 2 is resolved → 2/4
    // (K2 is reopened and not resolved again). 满意率: K1 satisfied, K2 dissatisfied, K3's latest round
    // satisfied → 2/3. SLA: K1 met; K2, K4 past their deadline; K3 resolved (round 2) after it → 1/4.
    // Repeat calls: K1 → 1/4.
    expect(total.data!.kpis).toEqual([
      {
        key: '全部',
        cases: 4,
        respondedOnTime: 2,
        resolved: 2,
        evaluated: 3,
        satisfied: 2,
        slaJudged: 4,
        slaMet: 1,
        repeated: 1,
        responseRate: 0.5,
        resolutionRate: 0.5,
        satisfactionRate: 2 / 3,
        slaComplianceRate: 0.25,
        repeatComplaintRate: 0.25,
      },
    ]);

    const byStreetMonth = await graphql(`{ kpis(from: "2026-01-01T00:00:00+08:00", to: "2026-05-01T00:00:00+08:00", groupBy: [STREET, MONTH]) {
      key keys label cases responseRate resolutionRate satisfactionRate } }`);
    expect(byStreetMonth.data!.kpis).toEqual([
      { key: 'S01 / 2026-02', keys: ['S01', '2026-02'], label: 'S01街道 / 2026-02', cases: 1, responseRate: 1, resolutionRate: 1, satisfactionRate: null },
      { key: 'S01 / 2026-03', keys: ['S01', '2026-03'], label: 'S01街道 / 2026-03', cases: 2, responseRate: 0.5, resolutionRate: 0.5, satisfactionRate: 0.5 },
      { key: 'S02 / 2026-03', keys: ['S02', '2026-03'], label: 'S02街道 / 2026-03', cases: 2, responseRate: 0.5, resolutionRate: 0.5, satisfactionRate: 1 },
      { key: 'S02 / 2026-04', keys: ['S02', '2026-04'], label: 'S02街道 / 2026-04', cases: 1, responseRate: 0, resolutionRate: 0, satisfactionRate: null },
    ]);
    // Weeks are ISO weeks of the Beijing day, quarters and categories read by name.
    const byQuarterCategory = await graphql(`{ kpis(from: "2026-01-01T00:00:00+08:00", to: "2026-05-01T00:00:00+08:00", groupBy: [QUARTER, CATEGORY, WEEK]) { key label cases } }`);
    expect(byQuarterCategory.data!.kpis.map((row: any) => [row.key, row.cases])).toEqual([
      ['2026-Q1 / 0101 / 2026-W08', 1],
      ['2026-Q1 / 0101 / 2026-W10', 2],
      ['2026-Q1 / 0202 / 2026-W11', 2],
      ['2026-Q2 / 0202 / 2026-W14', 1],
    ]);
    expect(byQuarterCategory.data!.kpis[0].label).toBe('2026-Q1 / 暴露垃圾 / 2026-W08');
    const byDepartment = await graphql(`{ kpis(from: "${MARCH.from}", to: "${MARCH.to}", groupBy: [DEPARTMENT]) { key label departmentName cases resolved } }`);
    expect(byDepartment.data!.kpis).toEqual([
      { key: 'D-ROAD', label: 'D-ROAD局', departmentName: 'D-ROAD局', cases: 2, resolved: 1 },
      { key: 'D-SAN', label: 'D-SAN局', departmentName: 'D-SAN局', cases: 2, resolved: 1 },
    ]);
  });

  it('gives trends against the previous period, hotspots and the open-case map', async () => {
    await startWith(march().events);
    await service.drain();
    // February: 0101 had K6. March: 0101 K1, K2 (K5 merged away); 0202 K3, K4. K7 is April.
    const monthly = await graphql(`{ trends(from: "${MARCH.from}", to: "${MARCH.to}", interval: MONTH, by: CATEGORY) {
      period key name cases previous change changeRate } }`);
    expect(monthly.data!.trends).toEqual([
      { period: '2026-03-01', key: '0101', name: '暴露垃圾', cases: 2, previous: 1, change: 1, changeRate: 1 },
      { period: '2026-03-01', key: '0202', name: expect.any(String), cases: 2, previous: 0, change: 2, changeRate: null },
    ]);
    // Weeks (Monday first) from 2 March: K1 and K2 in the week of 2 March, K3 of 9 March, K4 of 9 March (15th is a Sunday).
    const weekly = await graphql(`{ trends(from: "2026-03-02T00:00:00+08:00", to: "2026-03-16T00:00:00+08:00", interval: WEEK) { period cases previous change } }`);
    expect(weekly.data!.trends).toEqual([
      { period: '2026-03-02', cases: 2, previous: 0, change: 2 },
      { period: '2026-03-09', cases: 2, previous: 2, change: 0 },
    ]);

    // S01-C1 × 0101: K1 (its call, the repeat, and K5's call moved in by the merge) and K2 → 2 cases, 4 reports.
    const hot = await graphql(`{ hotspots(from: "${MARCH.from}", to: "${MARCH.to}") { place placeName category { code } cases reports openCases repeatCases location { lng lat } } }`);
    expect(hot.errors).toBeUndefined();
    expect(hot.data!.hotspots).toEqual([
      { place: 'S01-C1', placeName: 'S01一社区', category: { code: '0101' }, cases: 2, reports: 4, openCases: 1, repeatCases: 1, location: { lng: expect.closeTo(114.30005, 6), lat: expect.closeTo(30.60005, 6) } },
      { place: 'S02-C1', placeName: 'S02一社区', category: { code: '0202' }, cases: 2, reports: 2, openCases: 1, repeatCases: 0, location: expect.any(Object) },
    ]);

    // Open: K7 (new, not dispatched: no light), K4 (red), K2 (reopened, round 2 dispatched and not yet turned: green).
    // K1, K3, K6 resolved; K5 merged. Red first, then the longest open.
    const map = await graphql(`{ openCaseMap { case { id } light streetId location { lng } } }`);
    expect(map.data!.openCaseMap.map((point: any) => [point.case.id, point.light])).toEqual([
      ['K4', 'RED'],
      ['K2', 'GREEN'],
      ['K7', null],
    ]);
    expect((await graphql(`{ openCaseMap(first: 1) { case { id } } }`)).data!.openCaseMap).toEqual([{ case: { id: 'K4' } }]);

    const bad = await graphql(`{ kpis(from: "${MARCH.to}", to: "${MARCH.from}") { key } }`);
    expect(bad.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'from' });
  });

  it('streams CSV exports and refuses bad parameters', async () => {
    await startWith(march().events);
    await service.drain();
    const response = await fetch(`${served.base}/export/kpis.csv?from=${encodeURIComponent(MARCH.from)}&to=${encodeURIComponent(MARCH.to)}&groupBy=STREET`, { headers: SUPERVISOR });
    expect(response.headers.get('content-type')).toContain('text/csv');
    const bytes = new Uint8Array(await response.arrayBuffer());
    // A UTF-8 BOM first, so Excel opens the Chinese correctly.
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes).trim().split('\n');
    expect(lines[0]).toBe('key,label,departmentName,cases,respondedOnTime,resolved,evaluated,satisfied,slaJudged,slaMet,repeated,responseRate,resolutionRate,satisfactionRate,slaComplianceRate,repeatComplaintRate');
    expect(lines.slice(1)).toEqual(['S01,S01街道,,2,1,1,2,1,2,1,1,0.5,0.5,0.5,0.5,0.5', 'S02,S02街道,,2,1,1,1,1,2,0,0,0.5,0.5,1,0,0']);

    const cases = await (await fetch(`${served.base}/export/cases.csv?from=2026-01-01T00:00:00Z&to=2026-05-01T00:00:00Z`, { headers: SUPERVISOR })).text();
    const caseLines = cases.trim().split('\n');
    expect(caseLines).toHaveLength(1 + 6);
    expect(caseLines.slice(1).map((line) => line.split(',')[0])).toEqual(['K6', 'K1', 'K2', 'K3', 'K4', 'K7']);

    const bad = await fetch(`${served.base}/export/trends.csv?from=2026-03-01&to=2026-04-01&interval=HOUR`, { headers: SUPERVISOR });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: 'interval must be one of DAY, WEEK, MONTH', field: 'interval' });
    const noFrom = await fetch(`${served.base}/export/hotspots.csv?to=2026-04-01`, { headers: SUPERVISOR });
    expect(await noFrom.json()).toMatchObject({ field: 'from' });

    // The exports answer the roles of the fields they mirror: a street reads the 三率, not single cases.
    expect((await fetch(`${served.base}/export/cases.csv?from=2026-01-01T00:00:00Z&to=2026-05-01T00:00:00Z`, { headers: gatewayHeaders('STREET:S01') })).status).toBe(403);
    expect((await fetch(`${served.base}/export/kpis.csv?from=${encodeURIComponent(MARCH.from)}&to=${encodeURIComponent(MARCH.to)}`, { headers: gatewayHeaders(undefined) })).status).toBe(401);
    expect((await fetch(`${served.base}/export/kpis.csv?from=${encodeURIComponent(MARCH.from)}&to=${encodeURIComponent(MARCH.to)}`)).status).toBe(401);
  });

  it('answers the same when events come twice and out of order (a replayed event changes nothing)', async () => {
    await startWith(march().events);
    await service.drain();
    const inOrder = await answers();
    // Replay every feed from the start into the same read model.
    await db.query(`UPDATE analytics.event_checkpoints SET position = 0`);
    expect(await service.drain()).toBe(march().events.length);
    expect(await answers()).toEqual(inOrder);

    // A second read model fed everything shuffled across services, a third of it delivered twice.
    const story = march().events;
    const mixed = shuffled([...story, ...shuffled(story, 7).slice(0, Math.ceil(story.length / 3))], 42);
    await served.close();
    await dispose();
    await startWith([]);
    for (const event of mixed) await db.transaction((tx) => applyAnalyticsEvent(tx, event));
    expect(await answers()).toEqual(inOrder);
    // And reversed: every later transition seen before the earlier one.
    await served.close();
    await dispose();
    await startWith([]);
    for (const event of [...story].reverse()) await db.transaction((tx) => applyAnalyticsEvent(tx, event));
    expect(await answers()).toEqual(inOrder);
  });
});
