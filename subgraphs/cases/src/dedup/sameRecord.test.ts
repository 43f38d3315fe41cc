import { ManualClock, testBackends } from '@huying/runtime';
import { submitReports } from '../intake';
import { filterIntake } from '../../test-support/filterIntake.fixture';
import { manholeReport } from '../../test-support/manholeReport.fixture';

// The filter asks tier 1 in the same statement as its candidates: the same record must still win.
describe.each(testBackends())('the same record again, through the duplicate filter, on $kind', (backend) => {
  const clock = new ManualClock('2026-11-20T06:00:00Z');
  const { current, take } = filterIntake(backend, clock);
  const count = async (table: string) => (await current.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM cases.${table}`))[0]!.n;

  it('updates its report in its own case, though it now reads like another case', async () => {
    const manhole = await take(manholeReport({}));
    const lamp = { sourceId: 'H-7', contact: '13800000007', address: '江岸区黄浦大街8号', text: '黄浦大街8号路灯不亮已经三天了' };
    const lampCase = await take(manholeReport(lamp));
    const again = await take(manholeReport({ ...lamp, sourceId: 'H-1', contact: '13800000001', text: `${lamp.text}，还没人来修` }));
    expect(again).toMatchObject({ outcome: 'UPDATED', report: { id: manhole.report.id, revision: 2 }, case: { id: manhole.case.id } });
    expect(again.case.id).not.toBe(lampCase.case.id);
    expect(await count('report')).toBe(2);
    expect(await count('merge_decision')).toBe(0);
  });

  it('reads its report’s case only once a transaction holding the report (a split moving it) has committed', async () => {
    const first = await take(manholeReport({}));
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const split = current.db.transaction(async (tx) => {
      await tx.query('SELECT 1 FROM cases.report WHERE id = $1 FOR UPDATE', [first.report.id]);
      await released;
      const [moved] = await tx.query<{ id: string }>("INSERT INTO cases.case (title, created_at, updated_at) VALUES ('split', now(), now()) RETURNING id");
      await tx.query('UPDATE cases.report SET case_id = $2 WHERE id = $1', [first.report.id, moved!.id]);
      return moved!.id;
    });
    const again = submitReports(current.deps, [manholeReport({ text: '解放大道1234号井盖还是缺失' })]);
    await new Promise((resolve) => setTimeout(resolve, 200));
    release();
    const movedTo = await split;
    const [updated] = await again;
    expect(updated).toMatchObject({ ok: true, outcome: 'UPDATED', report: { id: first.report.id, revision: 2, caseId: movedTo }, case: { id: movedTo } });
  });
});
