import type { Database } from '@huying/runtime';

/**
 * Whether the analytics read model has every report the cases service took and dispatch has placed every case:
 * what a test waits for before it asks analytics about reports it has just submitted (a hub's services share
 * one database in tests).
 */
export async function readModelCaughtUp(db: Database): Promise<true | undefined> {
  const [row] = await db.query<{ ready: boolean }>(
    `SELECT (SELECT count(*) FROM analytics.report) = (SELECT count(*) FROM cases.report)
        AND NOT EXISTS (SELECT 1 FROM analytics.case_fact WHERE classified_at IS NULL AND merged_into IS NULL) AS ready`,
  );
  return row?.ready ? true : undefined;
}
