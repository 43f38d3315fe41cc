import { ManualClock, testBackends } from '@huying/runtime';
import { CASE_STATUSES, OPEN_CASE_STATUSES } from '@huying/schema';
import { filterIntake } from '../../test-support/filterIntake.fixture';
import { mergeCases } from '../mergeOperations';
import { manholeReport } from '../../test-support/manholeReport.fixture';

describe.each(testBackends())('only open cases lead (match_key) on $kind', (backend) => {
  const clock = new ManualClock('2026-11-20T06:00:00Z');
  const { current, take, leadsOf } = filterIntake(backend, clock);

  // What the status consumer (caseStatus.ts) writes when dispatch closes or feedback reopens a case.
  const setStatus = (caseId: string, status: string) => current.db.query('UPDATE cases.case SET status = $2 WHERE id = $1', [caseId, status]);

  it('counts the same statuses open as the schema package does', async () => {
    const rows = await current.db.query<{ status: string; open: boolean }>('SELECT status, cases.is_open(status) AS open FROM unnest($1::text[]) AS s(status)', [CASE_STATUSES]);
    expect(rows.filter((row) => row.open).map((row) => row.status)).toEqual([...OPEN_CASE_STATUSES]);
  });

  it('withdraws a closed case’s reports and files them again, once, when it reopens', async () => {
    const first = await take(manholeReport({}));
    const filed = await leadsOf(first.report.id);
    expect(filed).toBeGreaterThan(0);
    await setStatus(first.case.id, 'CLOSED');
    expect(await leadsOf(first.report.id)).toBe(0);
    await setStatus(first.case.id, 'DISPATCHED');
    await setStatus(first.case.id, 'IN_PROGRESS');
    expect(await leadsOf(first.report.id)).toBe(filed);
  });

  it('files a repeat that joins a recently closed case only when the case reopens', async () => {
    const first = await take(manholeReport({}));
    await setStatus(first.case.id, 'RESOLVED');
    const repeat = await take(manholeReport({ sourceId: 'H-2', receivedAt: '2026-11-21T09:00:00+08:00', text: '解放大道1234号井盖缺失还没处理' }));
    expect(repeat.outcome).toBe('REPEAT');
    expect(await leadsOf(repeat.report.id)).toBe(0);
    await setStatus(first.case.id, 'DISPATCHED');
    expect(await leadsOf(repeat.report.id)).toBeGreaterThan(0);
  });

  it('lets a report moved out of a closed case into an open one lead again', async () => {
    const closed = await take(manholeReport({}));
    const open = await take(manholeReport({ sourceId: 'H-7', contact: '13800000007', address: '江岸区黄浦大街8号', text: '黄浦大街8号路灯不亮已经三天了' }));
    const filed = await leadsOf(closed.report.id);
    await setStatus(closed.case.id, 'CLOSED');
    expect(await leadsOf(closed.report.id)).toBe(0);
    await mergeCases(current.deps, { intoCaseId: open.case.id, fromCaseId: closed.case.id, by: 'DISTRICT_OPERATOR', reason: '同一责任单位一并处理' });
    expect(await leadsOf(closed.report.id)).toBe(filed);
  });

  it('finds the open case at a busy address although fifty newer reports there belong to closed cases', async () => {
    const gate = await take(manholeReport({}));
    const stalls = [];
    for (let i = 0; i < 50; i++) {
      stalls.push(
        await take(
          manholeReport({
            sourceId: `S-${i}`,
            contact: `1390000${String(i).padStart(4, '0')}`,
            receivedAt: new Date(Date.parse('2026-11-20T10:00:00+08:00') + i * 600_000).toISOString(),
            text: `解放大道1234号旁边第${i + 1}个流动摊贩占道经营，油烟很大`,
          }),
        ),
      );
    }
    for (const caseId of new Set(stalls.map((stall) => stall.case.id))) await setStatus(caseId, 'CLOSED');
    // Another channel, other words: only the address leads to the gate's case.
    const again = await take(
      manholeReport({ channel: 'URBAN_MANAGEMENT', sourceId: 'U-9', receivedAt: '2026-11-21T09:00:00+08:00', text: '巡查发现解放大道1234号门口的井盖缺失了，没有任何警示', contact: null }),
    );
    const [decision] = await current.db.query<{ into_case_id: string }>('SELECT into_case_id FROM cases.merge_decision WHERE report_id = $1', [again.report.id]);
    expect(decision?.into_case_id).toBe(gate.case.id);
  });
});
