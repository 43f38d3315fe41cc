import type { Sql } from '@huying/runtime';

export interface AuditRow {
  auditId: string;
  service: string;
  action: string;
  subjectType: string;
  subjectId: string;
  actor: string;
  before: unknown;
  after: unknown;
  reason: string | null;
  at: Date;
}

/** An `Audited` event's payload, as `recordAudit` (@huying/runtime) publishes it. */
type AuditedPayload = Omit<AuditRow, 'at'> & { at: string };

/** Keeps one `Audited` event; a replayed one (same audit id) is kept once. */
export async function keepAuditEntry(tx: Sql, entry: AuditedPayload): Promise<void> {
  await tx.query(
    `INSERT INTO analytics.audit_log (audit_id, service, action, subject_type, subject_id, actor, before, after, reason, at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (audit_id) DO NOTHING`,
    [entry.auditId, entry.service, entry.action, entry.subjectType, entry.subjectId, entry.actor,
      entry.before === null ? null : JSON.stringify(entry.before), entry.after === null ? null : JSON.stringify(entry.after), entry.reason, entry.at],
  );
}

/** Newest first, optionally of one subject or one action; `after` is the last entry of the previous page. */
export async function auditEntries(
  sql: Sql,
  filter: { subjectId: string | null; action: string | null; first: number; after: { at: Date; auditId: string } | null },
): Promise<AuditRow[]> {
  const rows = await sql.query<{ audit_id: string; service: string; action: string; subject_type: string; subject_id: string; actor: string; before: unknown; after: unknown; reason: string | null; at: Date }>(
    `SELECT * FROM analytics.audit_log
      WHERE ($1::text IS NULL OR subject_id = $1) AND ($2::text IS NULL OR action = $2)
        AND ($3::timestamptz IS NULL OR (at, audit_id) < ($3::timestamptz, $4::uuid))
      ORDER BY at DESC, audit_id DESC LIMIT $5`,
    [filter.subjectId, filter.action, filter.after?.at ?? null, filter.after?.auditId ?? null, filter.first],
  );
  return rows.map((row) => ({
    auditId: row.audit_id, service: row.service, action: row.action, subjectType: row.subject_type, subjectId: row.subject_id,
    actor: row.actor, before: row.before, after: row.after, reason: row.reason, at: row.at,
  }));
}
