import { EventConsumer, pollFailureLog, publishEvent, type Clock, type Database, type EventFeed, type Logger, type Sql, type StoredEvent } from '@huying/runtime';
import type { AssignmentChangedEvent, CaseStatus, CaseStatusChangedEvent } from '@huying/schema';

/**
 * A case's status follows its handling: dispatch's assignment transitions and feedback's reopening.
 * Returns the new status, or null when the event does not move it.
 */
export function nextCaseStatus(current: CaseStatus, event: Pick<StoredEvent, 'type' | 'payload'>): CaseStatus | null {
  if (current === 'MERGED') return null; // a merged case lives on in the case it joined
  let next: CaseStatus | null = null;
  if (event.type === 'AssignmentChanged') {
    const state = (event.payload as unknown as AssignmentChangedEvent).state;
    if (state === 'DISPATCHED') next = 'DISPATCHED';
    else if (state === 'SIGNED' || state === 'IN_PROGRESS') next = 'IN_PROGRESS';
    else if (state === 'RESOLVED') next = 'RESOLVED';
    else if (state === 'CLOSED') next = 'CLOSED';
    // ESCALATED and REASSIGNED are followed by the new assignment's DISPATCHED
  } else if (event.type === 'CaseReopened' && (current === 'RESOLVED' || current === 'CLOSED')) {
    next = 'DISPATCHED';
  }
  return next && next !== current ? next : null;
}

async function applyToCase(tx: Sql, clock: Clock, event: StoredEvent): Promise<void> {
  const caseId = (event.payload as { caseId?: string }).caseId;
  if (!caseId) return;
  const [row] = await tx.query<{ status: CaseStatus }>(`SELECT status FROM cases.case WHERE id = $1 FOR UPDATE`, [caseId]);
  if (!row) return;
  const status = nextCaseStatus(row.status, event);
  if (!status) return;
  const at = clock.now();
  await tx.query(`UPDATE cases.case SET status = $2, updated_at = $3 WHERE id = $1`, [caseId, status, at]);
  const changed: CaseStatusChangedEvent = { caseId, status, previous: row.status, at: at.toISOString() };
  await publishEvent(tx, 'cases', { type: 'CaseStatusChanged', aggregateId: caseId, occurredAt: at, payload: { ...changed } });
}

/** Consumers of dispatch's and feedback's feeds that keep `cases.case.status` current. */
export function caseStatusConsumers(deps: { db: Database; clock: Clock; log: Logger; feed(service: string): EventFeed }, pollMs = 100): EventConsumer[] {
  return (['dispatch', 'feedback'] as const).map(
    (source) =>
      new EventConsumer({
        db: deps.db,
        schema: 'cases',
        name: `cases<-${source}`,
        feed: deps.feed(source),
        // reopening (feedback) is rarer and less urgent than dispatch's transitions
        pollMs: source === 'dispatch' ? pollMs : pollMs * 5,
        onError: pollFailureLog(deps.log, `reading the ${source} feed`),
        handle: (tx, event) => applyToCase(tx, deps.clock, event),
      }),
  );
}
