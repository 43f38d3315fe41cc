import { join } from 'node:path';
import { ManualClock, migrate, migrationsFromDir, testBackends, type Database } from '@huying/runtime';
import { duplicateFilter } from './duplicateFilter';
import { CASES_SCHEMA, submitReports } from '../intake';
import { vacuumLeads } from './leadsVacuum';
import { manholeReport } from '../../test-support/manholeReport.fixture';

describe.each(testBackends())('vacuuming the leads on $kind', (backend) => {
  let db: Database;
  let dispose: () => Promise<void>;
  beforeEach(async () => {
    ({ db, dispose } = await backend.open());
    await migrate(db, CASES_SCHEMA, migrationsFromDir(join(__dirname, '..', '..', 'migrations')));
  });
  afterEach(() => dispose());

  const visibility = async () =>
    (await db.query<{ pages: number; all_visible: number; analysed: boolean }>(
      `SELECT relpages AS pages, relallvisible AS all_visible,
              EXISTS (SELECT 1 FROM pg_stats WHERE schemaname = 'cases' AND tablename = 'match_key' AND attname = 'key') AS analysed
         FROM pg_class WHERE oid = 'cases.match_key'::regclass`,
    ))[0]!;

  it('marks every page of the leads all-visible, so lookups skip the heap, and gives the planner its statistics', async () => {
    const deps = { db, clock: new ManualClock('2026-11-20T06:00:00Z'), matcher: duplicateFilter, contactKey: 'test-key' };
    // Different streets and callers: 200 cases, each filing its own leads.
    const reports = Array.from({ length: 200 }, (_, i) =>
      manholeReport({ sourceId: `H-${i}`, address: `江岸区解放大道${1000 + i * 40}号`, text: `解放大道${1000 + i * 40}号门口井盖缺失`, contact: `1380000${String(i).padStart(4, '0')}` }),
    );
    expect((await submitReports(deps, reports)).every((result) => result.ok)).toBe(true);
    const before = await visibility();
    expect(before.all_visible).toBe(0);
    expect(before.analysed).toBe(false);

    const report = await vacuumLeads(db);
    const after = await visibility();
    expect(after.pages).toBeGreaterThan(0);
    expect(after.all_visible).toBe(after.pages);
    expect(after.analysed).toBe(true);
    expect(report).toMatchObject({ pages: after.pages, allVisiblePages: after.all_visible });
  });
});
