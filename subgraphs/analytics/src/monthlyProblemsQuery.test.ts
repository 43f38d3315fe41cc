import { createLogger, gatewayHeaders, ManualClock, serveSubgraph, testBackends, type Database, type ServedSubgraph } from '@huying/runtime';
import { categoryByCode } from '@huying/schema';
import { openAnalyticsDatabase } from './analyticsEvents.testkit';
import { analyticsService, type AnalyticsService } from './service';

const MONTHLY = `query ($month: String!, $minRequests: Int) { monthlyProblems(month: $month, minRequests: $minRequests) {
  month streetId streetName category { code name } requests baseline monthsPresent heat growing persistent } }`;

describe.each(testBackends())('每月一题 on $kind', (backend) => {
  let db: Database;
  let dispose: () => Promise<void>;
  let service: AnalyticsService;
  let served: ServedSubgraph;
  beforeAll(async () => {
    ({ db, dispose } = await openAnalyticsDatabase(backend));
    service = await analyticsService({ alertScanCron: null }).create({ db, clock: new ManualClock('2026-12-05T00:00:00Z'), log: createLogger('analytics'), feed: () => ({ read: async () => [] }), endpoint: () => undefined });
    served = await serveSubgraph(service, db);
    let n = 0;
    // a case of one report; a merged one's report has moved to the case it joined (c0: 二七's noise of June)
    const fact = async (at: string, street: string, category: string, merged = false) => {
      const caseId = `c${n++}`;
      await db.query(`INSERT INTO analytics.case_fact (case_id, created_at, street_id, street_name, opened_category, merged_into) VALUES ($1, $2, $3, $4, $5, $6)`, [
        caseId, at, street, `${street}街道`, category, merged ? 'c0' : null,
      ]);
      await db.query(`INSERT INTO analytics.report (report_id, case_id, channel, outcome, received_at) VALUES ($1, $2, 'HOTLINE', 'NEW_CASE', $3)`, [`r-${caseId}`, merged ? 'c0' : caseId, at]);
    };
    // 二七 street's noise: twice in six months, then eleven requests in November (one merged into June's case, one just before midnight)
    for (const at of ['2026-06-10T10:00:00+08:00', '2026-09-03T10:00:00+08:00']) await fact(at, 'erqi', '0401');
    for (let day = 1; day <= 9; day++) await fact(`2026-11-${String(day).padStart(2, '0')}T09:00:00+08:00`, 'erqi', '0401');
    await fact('2026-11-30T23:59:00+08:00', 'erqi', '0401');
    await fact('2026-11-12T09:00:00+08:00', 'erqi', '0401', true);
    // the first minute of December is not November's, nor is October's last
    await fact('2026-12-01T00:00:00+08:00', 'erqi', '0401');
    await fact('2026-10-31T23:59:00+08:00', 'erqi', '0401');
    // 三阳 street's exposed rubbish: twenty every month, November too
    for (const month of ['05', '06', '07', '08', '09', '10', '11']) for (let i = 0; i < 20; i++) await fact(`2026-${month}-${String(1 + i).padStart(2, '0')}T12:00:00+08:00`, 'sanyang', '0101');
    // two manholes: below the minimum
    for (const day of ['03', '04']) await fact(`2026-11-${day}T12:00:00+08:00`, 'sanyang', '0202');
  });
  afterAll(async () => {
    await served.close();
    await service.stop?.();
    await dispose();
  });

  const ask = async (variables: object, role = 'SUPERVISOR') =>
    (await (await fetch(served.url, { method: 'POST', headers: { 'content-type': 'application/json', ...gatewayHeaders(role) }, body: JSON.stringify({ query: MONTHLY, variables }) })).json()) as {
      data?: { monthlyProblems: Record<string, unknown>[] };
      errors?: { extensions: Record<string, unknown> }[];
    };

  it('ranks the noise that grew above the rubbish at its usual level, and leaves out what is under the minimum', async () => {
    const answer = await ask({ month: '2026-11' });
    expect(answer.errors).toBeUndefined();
    const ranked = answer.data!.monthlyProblems;
    expect(ranked.map((row) => [row.streetId, (row.category as { code: string }).code, row.requests])).toEqual([
      ['erqi', '0401', 11],
      ['sanyang', '0101', 20],
    ]);
    // October's last minute counts in the baseline: three of six months had a request
    expect(ranked[0]).toMatchObject({ month: '2026-11', streetName: 'erqi街道', monthsPresent: 3, growing: true, persistent: false });
    expect(ranked[0]!.baseline).toBeCloseTo(3 / 6, 10);
    expect(ranked[1]).toMatchObject({ baseline: 20, monthsPresent: 6, growing: false, persistent: true });
    expect(ranked[1]!.heat).toBeCloseTo(1, 10);
    expect((await ask({ month: '2026-11', minRequests: 2 })).data!.monthlyProblems).toHaveLength(3);
  });

  it('refuses a month that is not one, and a caller who may not read the aggregates', async () => {
    for (const month of ['2026-13', '2026-1', 'November']) expect((await ask({ month })).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'month' });
    expect((await ask({ month: '2026-11' }, 'CALLBACK')).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('exports the same ranking as CSV, and answers a bad month with 400 and the field', async () => {
    const csv = await fetch(`${served.base}/export/monthly-problems.csv?month=2026-11`, { headers: gatewayHeaders('SUPERVISOR') });
    expect(csv.status).toBe(200);
    const lines = (await csv.text()).replace(/^\uFEFF/, '').trim().split('\n');
    expect(lines[0]).toBe('month,streetId,streetName,categoryCode,categoryName,requests,baseline,monthsPresent,heat,growing,persistent');
    expect(lines.slice(1).map((line) => line.split(',').slice(0, 6).join(','))).toEqual([
      `2026-11,erqi,erqi街道,0401,${categoryByCode('0401')!.name},11`,
      `2026-11,sanyang,sanyang街道,0101,${categoryByCode('0101')!.name},20`,
    ]);
    const bad = await fetch(`${served.base}/export/monthly-problems.csv?month=2026-13`, { headers: gatewayHeaders('SUPERVISOR') });
    expect([bad.status, ((await bad.json()) as { field: string }).field]).toEqual([400, 'month']);
  });
});
