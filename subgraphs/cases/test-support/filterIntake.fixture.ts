import { join } from 'node:path';
import { migrate, migrationsFromDir, type Clock, type Database, type TestBackend } from '@huying/runtime';
import { classifyCategory, validateReport } from '@huying/schema';
import { duplicateFilter } from '../src/dedup/duplicateFilter';
import { CASES_SCHEMA, reportFields, submitReports, type IntakeDeps } from '../src/intake';

const MIGRATIONS = migrationsFromDir(join(__dirname, '..', 'migrations'));

/**
 * Intake with the duplicate filter, on a fresh migrated database of `backend` for each test of the
 * calling `describe` (its hooks are registered here). `current` holds this test's database and intake;
 * `take` submits one report and insists that it was taken; `leadsOf` counts a report's lookup keys.
 * With `migratedBefore`, the database stops short of that migration until `finishMigrating`, and
 * `takeFiledBefore008` files a report as a new case the way the filter did before migration 008.
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
  // Before 008 the profile and the keys it was filed under had a table of their own, and leads were keyed by the key's text.
  const takeFiledBefore008 = async (input: Record<string, unknown>) => {
    const validated = validateReport(input);
    if (!validated.ok) throw new Error(`invalid report ${String(input.sourceId)}`);
    const fields = reportFields(validated.value, current.deps.contactKey);
    const filing = duplicateFilter.filing!(fields);
    return current.db.transaction(async (tx) => {
      // The case row as it was then (no category source or confidence).
      const [opened] = await tx.query<{ id: string }>(
        `INSERT INTO cases.case (title, status, category_code, lng, lat, address, created_at, updated_at)
         VALUES ($1, 'RECEIVED', $2, $3, $4, $5, $6, $7) RETURNING id`,
        [fields.text.slice(0, 30), classifyCategory(fields.categoryHint, fields.text).code, fields.location?.lng ?? null, fields.location?.lat ?? null,
          fields.address, fields.receivedAt, clock.now()],
      );
      // The report row as it was then (no sealed contact, no profile columns).
      const [row] = await tx.query<{ id: string }>(
        `INSERT INTO cases.report (case_id, channel, source_id, received_at, title, text, address, lng, lat, category_hint,
                                   contact_hash, contact_masked, intake_mode, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14) RETURNING id`,
        [opened!.id, fields.channel, fields.sourceId, fields.receivedAt, fields.title, fields.text, fields.address, fields.location?.lng ?? null,
          fields.location?.lat ?? null, fields.categoryHint, fields.contactHash, fields.contactMasked, fields.intakeMode, clock.now()],
      );
      const report = { id: row!.id, receivedAt: fields.receivedAt };
      await tx.query('INSERT INTO cases.match_profile (report_id, revision, profile, keys, keys_at) VALUES ($1, 1, $2, $3, $4)', [
        report.id,
        JSON.stringify(filing.profile),
        filing.keys,
        report.receivedAt,
      ]);
      await tx.query('INSERT INTO cases.match_key (key, report_id, at) SELECT unnest($2::text[]), $1, $3', [report.id, filing.keys, report.receivedAt]);
      return { report, case: opened!, filing };
    });
  };
  return { current, take, leadsOf, finishMigrating, takeFiledBefore008 };
}
