import { join } from 'node:path';
import { migrate, migrationsFromDir, type Clock, type Database, type TestBackend } from '@huying/runtime';
import { duplicateFilter } from './dedup/duplicateFilter';
import { CASES_SCHEMA, submitReports, type IntakeDeps } from './intake';

/**
 * Intake with the duplicate filter, on a fresh migrated database of `backend` for each test of the
 * calling `describe` (its hooks are registered here). `current` holds this test's database and intake;
 * `take` submits one report and insists that it was taken.
 */
export function filterIntake(backend: TestBackend, clock: Clock) {
  const current = {} as { db: Database; deps: IntakeDeps; dispose(): Promise<void> };
  beforeEach(async () => {
    const { db, dispose } = await backend.open();
    await migrate(db, CASES_SCHEMA, migrationsFromDir(join(__dirname, '..', 'migrations')));
    Object.assign(current, { db, dispose, deps: { db, clock, matcher: duplicateFilter, contactKey: 'test-key' } });
  });
  afterEach(() => current.dispose());

  const take = async (input: Record<string, unknown>) => {
    const [result] = await submitReports(current.deps, [input]);
    if (!result?.ok) throw new Error(`intake refused ${String(input.sourceId)}`);
    return result;
  };
  return { current, take };
}
