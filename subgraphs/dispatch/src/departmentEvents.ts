import { userInputError, type Sql } from '@huying/runtime';
import { DEPARTMENT_EVENT_TYPES } from './webhooks';

/** One event of a department's assignments, as catch-up, subscriptions and webhooks show it. */
export interface DepartmentEvent {
  cursor: string;
  type: string;
  assignmentId: string;
  caseId: string;
  departmentId: string;
  state: string | null;
  previousState: string | null;
  light: string | null;
  round: number | null;
  dueAt: string | null;
  by: string | null;
  reason: string | null;
  at: string;
}

/** Cursors are positions in dispatch's outbox, so one cursor works for catch-up, subscription and webhook alike. */
export function cursorPosition(cursor: string | null | undefined): number {
  if (cursor === null || cursor === undefined || cursor === '') return 0;
  if (!/^\d{1,15}$/.test(cursor)) throw userInputError('after is not a cursor this API handed out', { field: 'after' });
  return Number(cursor);
}

/** The department's events after a position, oldest first (one extra row tells whether more follow). */
export async function departmentEventsAfter(db: Sql, departmentId: string, after: number, limit: number): Promise<{ events: DepartmentEvent[]; hasMore: boolean }> {
  const rows = await db.query<{ seq: number; type: string; payload: Record<string, unknown>; occurred_at: Date }>(
    `SELECT seq, type, payload, occurred_at FROM dispatch.outbox
      WHERE payload ->> 'departmentId' = $1 AND type = ANY($2::text[]) AND seq > $3
      ORDER BY seq LIMIT $4`,
    [departmentId, [...DEPARTMENT_EVENT_TYPES], after, limit + 1],
  );
  const events = rows.slice(0, limit).map((row) => {
    const payload = row.payload as Record<string, string | number | null>;
    return {
      cursor: String(row.seq),
      type: row.type,
      assignmentId: String(payload.assignmentId),
      caseId: String(payload.caseId),
      departmentId: String(payload.departmentId),
      state: (payload.state as string) ?? null,
      previousState: (payload.previousState as string) ?? null,
      light: (payload.light as string) ?? null,
      round: (payload.round as number) ?? null,
      dueAt: (payload.dueAt as string) ?? null,
      by: (payload.by as string) ?? null,
      reason: (payload.reason as string) ?? null,
      at: new Date(row.occurred_at).toISOString(),
    };
  });
  return { events, hasMore: rows.length > limit };
}

export async function outboxHead(db: Sql): Promise<number> {
  const rows = await db.query<{ head: number | null }>(`SELECT max(seq) AS head FROM dispatch.outbox`);
  return Number(rows[0]?.head ?? 0);
}
