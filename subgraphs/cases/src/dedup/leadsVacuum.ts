import { validate } from 'node-cron';
import { scheduledJob, type Database, type ScheduledJob } from '@huying/runtime';

export interface LeadsVacuumReport {
  seconds: number;
  /** Heap pages of cases.match_key, and how many of them the visibility map marks all-visible. */
  pages: number;
  allVisiblePages: number;
}

/**
 * Keeps the duplicate filter's leads (cases.match_key) readable from the index alone. A candidate
 * lookup reads each key's newest entries from `match_key (key, at DESC) INCLUDE (report_id)`, and
 * PostgreSQL skips the heap only on pages its visibility map marks all-visible, which only VACUUM sets.
 * A key's entries lie scattered among every other key's, so without it each entry costs a heap page
 * of its own (645 pages for one report's 13 keys at 100,000 reports), and once the table outgrows the
 * buffer cache, a read. ANALYZE gives the planner the entries per key, so it picks that scan over a
 * bitmap scan of every entry in the window. Autovacuum does this late (it waits for inserts of 20% of
 * the table) or, on a server where it is off, never.
 */
export async function vacuumLeads(db: Database): Promise<LeadsVacuumReport> {
  const started = performance.now();
  // SKIP_LOCKED: while another replica vacuums the table, this one skips the round instead of queueing a second.
  await db.exec('VACUUM (ANALYZE, SKIP_LOCKED) cases.match_key');
  const [table] = await db.query<{ pages: number; all_visible: number }>(
    "SELECT relpages AS pages, relallvisible AS all_visible FROM pg_class WHERE oid = 'cases.match_key'::regclass",
  );
  return { seconds: (performance.now() - started) / 1000, pages: table!.pages, allVisiblePages: table!.all_visible };
}

/**
 * Runs `vacuumLeads` on `cronLine`, never two at once (the hub, and the bench beside its intake).
 * `stop` also waits for a run under way, so the database is not closed under it.
 */
export function scheduleLeadsVacuum(
  db: Database,
  cronLine: string,
  on: { vacuumed(report: LeadsVacuumReport): void; failed(error: unknown): void },
): ScheduledJob {
  if (!validate(cronLine)) throw new Error(`HUYING_LEADS_VACUUM_CRON "${cronLine}" is not a cron line`);
  return scheduledJob(cronLine, () => vacuumLeads(db).then(on.vacuumed, on.failed));
}
