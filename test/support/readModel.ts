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

/**
 * Whether analytics has applied nothing new for `quietMs`: what a test of its answer cache waits for (placing,
 * the supervision sweep and the lights keep sending events for a while after reports come in).
 */
export async function readModelQuiet(db: Database, quietMs = 1000): Promise<true | undefined> {
  const position = async () => (await db.query<{ at: string }>('SELECT COALESCE(sum(position), 0)::text AS at FROM analytics.event_checkpoints'))[0]!.at;
  const before = await position();
  await new Promise((resolve) => setTimeout(resolve, quietMs));
  return (await position()) === before ? true : undefined;
}
