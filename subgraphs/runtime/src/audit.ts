import { randomUUID } from 'node:crypto';
import type { Sql } from './database';
import { publishEvent } from './events';

/**
 * One state change for the audit log (who did what to which thing, with the state before and after):
 * published in the change's own transaction to the service's outbox as an `Audited` event, so it is
 * written exactly when the change commits; the analytics service keeps the log ADMIN reads (`auditLog`).
 * Never put personal data in it: actors are roles (`COMMAND_CENTRE`, `department:jiangan-water`).
 */
export interface AuditEntry {
  /** What was done: `mergeCases`, `splitReport`, `assignment:SIGNED`, `issueDepartmentKey` … */
  action: string;
  subjectType: 'Case' | 'Report' | 'Assignment' | 'Department' | 'Evaluation' | 'MergeDecision';
  subjectId: string;
  actor: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  reason?: string | null;
}

export const AUDITED_EVENT = 'Audited';

export async function recordAudit(tx: Sql, schema: string, entry: AuditEntry, at: Date): Promise<void> {
  const payload = { ...entry, reason: entry.reason ?? null, auditId: randomUUID(), service: schema, at: at.toISOString() };
  await publishEvent(tx, schema, { type: AUDITED_EVENT, aggregateId: entry.subjectId, occurredAt: at, payload });
}
