import type { Sql } from '@huying/runtime';

/** The read model's consumers' positions in their feeds, summed: the same on every replica, moved by each committed batch. */
const READ_MODEL_POSITION = `SELECT COALESCE(sum(position), 0)::text AS version FROM analytics.event_checkpoints`;

/**
 * How far the read model has come, as an opaque string: when it moves, what the dashboard shows may
 * have changed. It says nothing of which cases or how many.
 */
export async function readModelVersion(db: Sql): Promise<string> {
  const [row] = await db.query<{ version: string }>(READ_MODEL_POSITION);
  return row!.version;
}
