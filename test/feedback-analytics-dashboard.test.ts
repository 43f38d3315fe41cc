import { join } from 'node:path';
import { ManualClock, testBackends } from '@huying/runtime';
import { openChromium } from './support/chromium';
import { graphql } from './support/graphql';
import { startTestHub, type HubUnderTest } from './support/hub';
import { asOperator } from './support/operators';
import { eventually } from './support/eventually';

const ADMIN = asOperator('ADMIN');
const CALLBACK = asOperator('CALLBACK');
const PERIOD = { from: '2026-11-01T00:00:00+08:00', to: '2026-12-01T00:00:00+08:00' };

const REPORTS = [
  { channel: 'HOTLINE', sourceId: 'FA-0001', receivedAt: '2026-11-20T09:58:00+08:00', text: '二七路口下水道堵塞，路面大面积积水', address: '江岸区二七路', categoryHint: '排水', contact: '13800138001', location: { lng: 114.3149, lat: 30.6262 } },
  { channel: 'GRID', sourceId: 'FA-0002', receivedAt: '2026-11-20T10:05:00+08:00', text: '台北路小区门口垃圾堆放三天无人清运', address: '江岸区台北路', categoryHint: '垃圾', location: { lng: 114.2766, lat: 30.6017 } },
  { channel: 'MESSAGE_BOARD', sourceId: 'FA-0003', receivedAt: '2026-11-20T10:20:00+08:00', text: '香港路人行道路灯不亮，晚上很黑', address: '江岸区香港路', categoryHint: '路灯', location: { lng: 114.284, lat: 30.5987 } },
];

describe.each(testBackends())('feedback, analytics and the dashboard through the gateway on $kind', (backend) => {
  let under: HubUnderTest;

  beforeAll(async () => {
    under = await startTestHub(backend, { clock: new ManualClock('2026-11-20T02:30:00Z') });
  });
  afterAll(async () => {
    await under.stop();
  });

  const kpiTotal = async () =>
    (await graphql(under.hub.url, `query ($from: DateTime!, $to: DateTime!) { kpis(from: $from, to: $to) {
      cases respondedOnTime resolved evaluated satisfied responseRate resolutionRate satisfactionRate slaComplianceRate repeatComplaintRate } }`, PERIOD, asOperator('SUPERVISOR'))).data!.kpis[0];

  it('runs the loop: resolve → 回访 → a dissatisfied evaluation reopens → the 三率 count it; then the dashboard shows it', async () => {
    const submitted = await graphql(under.hub.url, `mutation ($reports: [ReportInput!]!) { submitReports(reports: $reports) { case { id reports { id } } } }`, { reports: REPORTS }, asOperator('INTAKE:test-system'));
    expect(submitted.errors).toBeUndefined();
    const caseIds = [...new Set(submitted.data!.submitReports.map((result: any) => result.case.id as string))];
    const drain = submitted.data!.submitReports[0].case as { id: string; reports: { id: string }[] };

    // analytics hears of every case from the cases events, and of the assignments from dispatch's
    await eventually(async () => (await kpiTotal())?.cases === caseIds.length && (await kpiTotal()), 'the cases in the read model');
    const assignment = await eventually(async () => {
      const read = await graphql(under.hub.url, `query ($id: ID!) { case(id: $id) { currentAssignment { id department { id } } } }`, { id: drain.id }, ADMIN);
      return read.data?.case?.currentAssignment as { id: string; department: { id: string } } | null;
    }, 'the drain case to be dispatched');
    const issued = await graphql(under.hub.url, `mutation ($id: ID!) { issueDepartmentKey(departmentId: $id) { key } }`, { id: assignment.department.id }, ADMIN);
    const department = { authorization: `Bearer ${issued.data!.issueDepartmentKey.key}` };
    expect((await graphql(under.hub.url, `mutation ($id: ID!) { signAssignment(id: $id) { state } }`, { id: assignment.id }, department)).errors).toBeUndefined();
    const resolved = await graphql(under.hub.url, `mutation ($id: ID!) { resolveAssignment(id: $id, result: "已疏通下水道") { state } }`, { id: assignment.id }, department);
    expect(resolved.data?.resolveAssignment.state).toBe('RESOLVED');

    // the reporter is due a 回访: the agent (CALLBACK) reads the number to dial, and the read is logged; nobody else reads it
    const callback = await eventually(async () => {
      const pending = await graphql(under.hub.url, `{ pendingCallbacks { case { id } report { id callbackNumber } channel contact } }`, {}, CALLBACK);
      return (pending.data?.pendingCallbacks as any[] | undefined)?.find((item) => item.case.id === drain.id);
    }, 'the callback');
    expect(callback).toMatchObject({ contact: '138****8001', report: { callbackNumber: '13800138001' } });
    const [read] = await under.db.query<{ read_by: string }>('SELECT read_by FROM cases.contact_read WHERE report_id = $1', [callback.report.id]);
    expect(read?.read_by).toBe('CALLBACK');
    const peek = await graphql(under.hub.url, `query ($id: ID!) { case(id: $id) { reports { callbackNumber } } }`, { id: drain.id }, ADMIN);
    expect(peek.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    await eventually(async () => (await kpiTotal()).resolved === 1, 'the resolution in the read model');

    // 0.1·2 + 0.2·2 + 0.3·2 + 0.4·1 = 1.6 → 32 → ★1, dissatisfied → 不满意重办
    const evaluated = await graphql(under.hub.url, `mutation ($caseId: ID!, $reportId: ID!) { evaluateCase(caseId: $caseId, reportId: $reportId,
      ratings: { responsiveness: 2, cooperation: 2, completion: 2, satisfaction: 1 }, comment: "水还没退") { score stars satisfied reopened round case { id title } } }`,
      { caseId: drain.id, reportId: drain.reports[0]!.id }, asOperator('CITIZEN')); // the citizen app, signed in with its token
    expect(evaluated.errors).toBeUndefined();
    expect(evaluated.data!.evaluateCase).toMatchObject({ score: 32, stars: 1, satisfied: false, reopened: true, round: 1, case: { id: drain.id } });

    // Reopened: one case still, no longer resolved, and dissatisfied; dispatch sends it round again.
    const after = await eventually(async () => {
      const total = await kpiTotal();
      return total.resolved === 0 && total.evaluated === 1 && total;
    }, 'the reopen in the read model');
    expect(after).toMatchObject({ cases: caseIds.length, respondedOnTime: 1, resolved: 0, evaluated: 1, satisfied: 0, satisfactionRate: 0, resolutionRate: 0 });
    expect(after.responseRate).toBeCloseTo(1 / caseIds.length, 10);
    const history = await graphql(under.hub.url, `query ($id: ID!) { case(id: $id) { handlingRound evaluations { round score } } }`, { id: drain.id }, ADMIN);
    expect(history.data!.case).toEqual({ handlingRound: 2, evaluations: [{ round: 1, score: 32 }] });

    // the CSV export through the gateway
    const exportUrl = `${under.hub.gateway.base}/export/kpis.csv?from=${encodeURIComponent(PERIOD.from)}&to=${encodeURIComponent(PERIOD.to)}`;
    expect((await fetch(exportUrl)).status).toBe(401);
    const csv = await fetch(exportUrl, { headers: asOperator('SUPERVISOR') });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect((await csv.text()).trim().split('\n')[1]).toMatch(new RegExp(`^全部,全部,,${caseIds.length},1,0,1,0,`));

    // An open alert about two of the cases (as the hourly scan files one), for the map to ring them.
    await under.db.query(
      `INSERT INTO analytics.alert (alert_id, detector, place, place_name, category_code, opened_on, last_unusual_on, report_count, observed, expected, p_value, case_ids, raised_at, updated_at)
       VALUES ('PLACE_PROBLEM:test:0601:2026-11-19', 'PLACE_PROBLEM', 'addr:江岸区台北路', '台北路', '0601', '2026-11-19', '2026-11-19', 4, 4, 0.1, 0.0001, $1, now(), now())`,
      [caseIds.slice(1)],
    );

    // The dashboard, in a real browser: it must show what the graph answers.
    const { browser, close } = await openChromium();
    try {
      const page = await browser.newPage();
      const outside: string[] = [];
      const graphMethods = new Set<string>();
      page.on('request', (request) => {
        if (!request.url().startsWith(under.hub.gateway.base)) outside.push(request.url());
        else if (new URL(request.url()).pathname === '/graphql') graphMethods.add(request.method());
      });
      await page.goto(`${under.hub.gateway.base}/dashboard?from=${encodeURIComponent(PERIOD.from)}&to=${encodeURIComponent(PERIOD.to)}&refresh=600`);
      // Signed out, the page shows nothing of the city but a sign-in; a supervisor's token opens it.
      await page.waitForSelector('#signin:not([hidden])');
      expect(await page.getAttribute('body', 'data-refreshed')).toBeNull();
      await page.fill('#token', asOperator('SUPERVISOR').authorization!.replace(/^Bearer /, ''));
      await page.click('#signin button');
      await page.waitForSelector('body[data-refreshed]');
      const shown = await page.$$eval('#kpis .kpi', (cards) => Object.fromEntries(cards.map((card) => [card.getAttribute('data-kpi'), card.querySelector('.value')!.textContent])));
      const percent = (rate: number | null) => (rate === null ? '—' : `${(rate * 100).toFixed(2)}%`);
      expect(shown).toEqual({
        responseRate: percent(after.responseRate),
        resolutionRate: '0.00%',
        satisfactionRate: '0.00%',
        slaComplianceRate: percent(after.slaComplianceRate),
        repeatComplaintRate: percent(after.repeatComplaintRate),
        cases: String(caseIds.length),
      });
      // every open case is a dot on the map, coloured by its light
      const map = (await graphql(under.hub.url, `{ openCaseMap { case { id } light location { lng } streetName } }`, {}, ADMIN)).data!.openCaseMap as { case: { id: string }; light: string | null; location: unknown; streetName: string | null }[];
      const dots = await page.$$eval('#map circle[data-case]', (circles) => circles.map((circle) => [circle.getAttribute('data-case'), circle.getAttribute('data-light')]));
      expect(dots.sort()).toEqual(map.filter((point) => point.location).map((point) => [point.case.id, point.light ?? 'NONE']).sort());
      expect(dots.length).toBeGreaterThan(0);
      // each street with located open cases is named on the map, with how many
      const named = await page.$$eval('#map text.street-label', (labels) => labels.map((label) => label.textContent));
      const byStreet = new Map<string, number>();
      for (const point of map) if (point.location && point.streetName) byStreet.set(point.streetName, (byStreet.get(point.streetName) ?? 0) + 1);
      expect(named.sort()).toEqual([...byStreet].map(([name, count]) => `${name} ${count}`).sort());
      expect(await page.$$eval('#trend path[data-category]', (paths) => paths.length)).toBeGreaterThan(0);
      // the open alert is a ring on the map around its cases, named by what it is about
      expect(await page.$$eval('#map circle[data-alert]', (rings) => rings.map((ring) => ring.getAttribute('data-alert')))).toEqual(['PLACE_PROBLEM:test:0601:2026-11-19']);
      expect(await page.textContent('#map text[data-alert-label]')).toBe('预警 · 一地一事 · 台北路');
      expect(await page.textContent('#map-count')).toContain('预警 1 条');
      // streets by the names people know (二七街道), never by their ids (erqi)
      const streets = (await graphql(under.hub.url, `query ($from: DateTime!, $to: DateTime!) { kpis(from: $from, to: $to, groupBy: [STREET]) { key label } }`, PERIOD, ADMIN))
        .data!.kpis as { key: string; label: string }[];
      const streetRows = await page.$$eval('#streets tr', (rows) => rows.map((row) => [row.getAttribute('data-street'), row.querySelector('td')!.textContent]));
      expect(streetRows).toEqual(streets.map((row) => [row.key, row.label]));
      expect(streetRows.filter(([key]) => key !== '未知').length).toBeGreaterThan(0);
      for (const [key, shown] of streetRows.filter(([key]) => key !== '未知')) expect(shown).toMatch(/街道$/);
      expect(await page.textContent('h1')).toContain('指挥中心');
      // refreshed live, pushed: polling is ten minutes apart here, so only the gateway's word that the read model
      // moved (a new report) makes the page ask again
      await page.waitForSelector('body[data-pushed="on"]');
      const count = Number(await page.getAttribute('body', 'data-refreshed'));
      const another = { channel: 'HOTLINE', sourceId: 'FA-0004', receivedAt: '2026-11-20T10:25:00+08:00', text: '黄浦大街公交站台顶棚破损漏雨', address: '江岸区黄浦大街' };
      expect((await graphql(under.hub.url, `mutation ($reports: [ReportInput!]!) { submitReports(reports: $reports) { case { id } } }`, { reports: [another] }, asOperator('INTAKE:test-system'))).errors).toBeUndefined();
      await page.waitForFunction(`document.querySelector('#kpis .kpi[data-kpi="cases"] .value').textContent === '${caseIds.length + 1}'`, undefined, { timeout: 20_000 });
      expect(Number(await page.getAttribute('body', 'data-refreshed'))).toBeGreaterThan(count);
      expect(outside).toEqual([]);
      // asked with GET, so the browser keeps the answer and revalidates it (test/dashboard-answer-revalidates.test.ts)
      expect([...graphMethods]).toEqual(['GET']);
      await page.evaluate('document.fonts.ready');
      await page.screenshot({ path: join(__dirname, 'screenshots', `dashboard-${backend.kind}.png`), fullPage: true });
    } finally {
      await close();
    }
  });
});
