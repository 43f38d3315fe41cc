import { ManualClock, testBackends } from '@huying/runtime';
import { filterIntake } from '../../test-support/filterIntake.fixture';
import { manholeReport } from '../../test-support/manholeReport.fixture';

// Migration 007 lets the candidate lookup trust match_key (no look at a lead's case): it must first
// withdraw the leads of closed cases filed before migration 005 began withdrawing them, and keep the
// profiles filed as jsonb readable once they are text.
describe.each(testBackends())('leads filed before cases withdrew them, after migration 007, on $kind', (backend) => {
  const clock = new ManualClock('2026-11-20T06:00:00Z');
  const { current, take, leadsOf, finishMigrating, takeFiledBefore008 } = filterIntake(backend, clock, { migratedBefore: '007' });

  it('withdraws a closed case’s old leads, so a like report opens a case of its own, and still merges into an open case by its stored profile', async () => {
    const closed = await takeFiledBefore008(manholeReport({}));
    const lamp = { address: '江岸区黄浦大街8号', text: '黄浦大街8号路灯不亮已经三天了，晚上一片漆黑' };
    const open = await takeFiledBefore008(manholeReport({ sourceId: 'H-7', contact: '13800000007', ...lamp }));
    const openLeads = await leadsOf(open.report.id);
    await current.db.query("UPDATE cases.case SET status = 'CLOSED' WHERE id = $1", [closed.case.id]);
    // What a filing before migration 005 left: the closed case's report still filed under its keys.
    await current.db.query('INSERT INTO cases.match_key (key, report_id, at) SELECT unnest(keys), report_id, keys_at FROM cases.match_profile WHERE report_id = $1', [
      closed.report.id,
    ]);
    expect(await leadsOf(closed.report.id)).toBeGreaterThan(0);

    await finishMigrating();

    expect(await leadsOf(closed.report.id)).toBe(0);
    expect(await leadsOf(open.report.id)).toBe(openLeads);
    const [row] = await current.db.query<{ profile: string | null }>('SELECT match_profile AS profile FROM cases.report WHERE id = $1', [open.report.id]);
    expect(JSON.parse(row!.profile!)).toEqual(open.filing.profile);

    const again = await take(manholeReport({ sourceId: 'W-1', channel: 'MESSAGE_BOARD', contact: '13900000001', receivedAt: '2026-11-20T10:00:00+08:00' }));
    expect(again.outcome).toBe('NEW_CASE');
    expect(again.case.id).not.toBe(closed.case.id);
    const lampAgain = await take(manholeReport({ sourceId: 'W-2', channel: 'MESSAGE_BOARD', contact: '13900000002', receivedAt: '2026-11-20T11:00:00+08:00', ...lamp }));
    expect(lampAgain.outcome).toBe('MERGED');
    expect(lampAgain.case.id).toBe(open.case.id);
  });
});
