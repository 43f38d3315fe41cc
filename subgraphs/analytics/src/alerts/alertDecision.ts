import { randomUUID } from 'node:crypto';
import { conflictError, notFoundError, userInputError, type Database, type DomainError } from '@huying/runtime';
import { ALERT, AUDIT_ALERT_DECISION, DECIDE_ALERT, LOCK_ALERT } from './alertStatements';
import type { AlertRow } from './alertQueries';

export type AlertStatus = 'OPEN' | 'ACKNOWLEDGED' | 'DISMISSED';

/** A reason is a sentence, not an essay: what the audit log and the evaluation keep. */
const REASON_MAX = 500;

/**
 * Whether the command centre may move an alert from `current` to `wanted`: an open alert may be acknowledged
 * (someone acts on it) or dismissed (a false alarm, with its reason: counted against the detector); an
 * acknowledged one may still be dismissed; a dismissed one is settled.
 */
export function alertDecision(current: AlertStatus, wanted: Exclude<AlertStatus, 'OPEN'>, reason: string | null): DomainError | null {
  if (reason !== null && reason.length > REASON_MAX) return userInputError(`reason: at most ${REASON_MAX} characters`, { field: 'reason' });
  if (wanted === 'DISMISSED' && !reason?.trim()) return userInputError('reason: say why the alert is dismissed', { field: 'reason' });
  if (current === 'DISMISSED') return conflictError('the alert was dismissed already', { status: current });
  if (current === wanted) return conflictError(`the alert is ${current.toLowerCase()} already`, { status: current });
  return null;
}

/** Records the decision on the alert and in the audit log, in one transaction; returns the alert as read. */
export async function decideAlert(
  db: Database,
  request: { alertId: string; wanted: Exclude<AlertStatus, 'OPEN'>; reason: string | null; by: string; at: Date },
): Promise<AlertRow> {
  const reason = request.reason?.trim() || null;
  return db.transaction(async (tx) => {
    const [locked] = await tx.query<{ status: AlertStatus }>(LOCK_ALERT, [request.alertId]);
    if (!locked) throw notFoundError('alert', request.alertId);
    const refused = alertDecision(locked.status, request.wanted, reason);
    if (refused) throw refused;
    await tx.query(DECIDE_ALERT, [request.alertId, request.wanted, request.by, request.at, reason]);
    await tx.query(AUDIT_ALERT_DECISION, [
      randomUUID(),
      request.wanted === 'ACKNOWLEDGED' ? 'ALERT_ACKNOWLEDGED' : 'ALERT_DISMISSED',
      request.alertId,
      request.by,
      JSON.stringify({ status: locked.status }),
      JSON.stringify({ status: request.wanted }),
      reason,
      request.at,
    ]);
    const [row] = await tx.query<AlertRow>(ALERT, [request.alertId]);
    return row!;
  });
}
