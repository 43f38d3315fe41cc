import { join } from 'node:path';
import { migrate, migrationsFromDir, type Clock, type Database, type TestBackend } from '@huying/runtime';
import { duplicateFilter } from './dedup/duplicateFilter';
import { CASES_SCHEMA, submitReports, type IntakeDeps } from './intake';

const MIGRATIONS = migrationsFromDir(join(__dirname, '..', 'migrations'));

/**
 * Intake with the duplicate filter, on a fresh migrated database of `backend` for each test of the
 * calling `describe` (its hooks are registered here). `current` holds this test's database and intake;
 * `take` submits one report and insists that it was taken; `leadsOf` counts a report's lookup keys.
 * With `migratedBefore`, the database stops short of that migration until `finishMigrating`.
 */
export function filterIntake(backend: TestBackend, clock: Clock, options: { migratedBefore?: string } = {}) {
  const current = {} as { db: Database; deps: IntakeDeps; dispose(): Promise<void> };
  const { migratedBefore } = options;
  beforeEach(async () => {
    const { db, dispose } = await backend.open();
    await migrate(db, CASES_SCHEMA, migratedBefore ? MIGRATIONS.filter((migration) => migration.id < migratedBefore) : MIGRATIONS);
    Object.assign(current, { db, dispose, deps: { db, clock, matcher: duplicateFilter, contactKey: 'test-key' } });
  });
  afterEach(() => current.dispose());

  const take = async (input: Record<string, unknown>) => {
    const [result] = await submitReports(current.deps, [input]);
    if (!result?.ok) throw new Error(`intake refused ${String(input.sourceId)}`);
    return result;
  };
  const leadsOf = async (reportId: string) =>
    (await current.db.query<{ n: number }>('SELECT count(*)::int AS n FROM cases.match_key WHERE report_id = $1', [reportId]))[0]!.n;
  const finishMigrating = () => migrate(current.db, CASES_SCHEMA, MIGRATIONS);
  return { current, take, leadsOf, finishMigrating };
}
