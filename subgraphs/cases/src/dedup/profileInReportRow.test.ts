import { ManualClock, testBackends } from '@huying/runtime';
import { filterIntake } from '../../test-support/filterIntake.fixture';
import { manholeReport } from '../../test-support/manholeReport.fixture';

// Migration 008 moves each report's profile and keys into its row and re-keys the leads by the key's
// hash: reports filed before it must still be found, scored from what they filed, withdrawn and filed again.
describe.each(testBackends())('reports filed before migration 008, after it, on $kind', (backend) => {
  const clock = new ManualClock('2026-11-20T06:00:00Z');
  const { current, take, leadsOf, finishMigrating, takeFiledBefore008 } = filterIntake(backend, clock, { migratedBefore: '008' });
  const lamp = { address: '江岸区黄浦大街8号', text: '黄浦大街8号路灯不亮已经三天了，晚上一片漆黑' };

  it('keeps their profiles and keys in their rows, finds them by the hashed keys, and withdraws and refiles their leads', async () => {
    const manhole = await takeFiledBefore008(manholeReport({}));
    const light = await takeFiledBefore008(manholeReport({ sourceId: 'H-7', contact: '13800000007', ...lamp }));
    const leads = await leadsOf(light.report.id);
    expect(leads).toBe(light.filing.keys.length);

    await finishMigrating();

    const [row] = await current.db.query<{ profile: string; revision: number; keys: string[]; type: string }>(
      'SELECT match_profile AS profile, match_revision AS revision, match_keys AS keys, (SELECT pg_typeof(key)::text FROM cases.match_key LIMIT 1) AS type FROM cases.report WHERE id = $1',
      [light.report.id],
    );
    expect(row).toEqual({ profile: JSON.stringify(light.filing.profile), revision: 1, keys: [...light.filing.keys], type: 'bigint' });
    expect(await leadsOf(light.report.id)).toBe(leads);

    const lightAgain = await take(manholeReport({ sourceId: 'W-2', channel: 'MESSAGE_BOARD', contact: '13900000002', receivedAt: '2026-11-20T11:00:00+08:00', ...lamp }));
    expect(lightAgain.outcome).toBe('MERGED');
    expect(lightAgain.case.id).toBe(light.case.id);

    await current.db.query("UPDATE cases.case SET status = 'CLOSED' WHERE id = $1", [manhole.case.id]);
    expect(await leadsOf(manhole.report.id)).toBe(0);
    await current.db.query("UPDATE cases.case SET status = 'IN_PROGRESS' WHERE id = $1", [manhole.case.id]);
    expect(await leadsOf(manhole.report.id)).toBe(manhole.filing.keys.length);
    const manholeAgain = await take(manholeReport({ sourceId: 'W-3', channel: 'MESSAGE_BOARD', contact: '13900000003', receivedAt: '2026-11-20T12:00:00+08:00' }));
    expect(manholeAgain.case.id).toBe(manhole.case.id);
  });
});
