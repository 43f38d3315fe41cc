import { dataKeys, type Sql } from '@huying/runtime';
import type { AssignmentRecord, CasePlan, ReminderRecord, TransitionRecord, WebhookRecord } from './model';

/* eslint-disable @typescript-eslint/no-explicit-any */
const planFrom = (row: any): CasePlan => ({
  caseId: row.case_id,
  categoryCode: row.category_code,
  level: row.level,
  whistle: row.whistle,
  matterType: row.matter_type,
  timeLimitMinutes: row.time_limit_minutes,
  dueAt: row.due_at ? new Date(row.due_at) : null,
  streetId: row.street_id,
  communityId: row.community_id,
  emergencyWord: row.emergency_word,
  createdAt: new Date(row.created_at),
  classifiedAt: new Date(row.classified_at),
  round: row.round,
  mergedInto: row.merged_into ?? null,
});

const date = (value: unknown) => (value ? new Date(value as string) : null);

const assignmentFrom = (row: any): AssignmentRecord => ({
  id: row.id,
  caseId: row.case_id,
  departmentId: row.department_id,
  round: row.round,
  state: row.state,
  dispatchedAt: new Date(row.dispatched_at),
  dueAt: date(row.due_at),
  dueFrom: date(row.due_from),
  slaLight: row.sla_light,
  redSince: date(row.red_since),
  pushedToSupervisionAt: date(row.pushed_to_supervision_at),
  respondedAt: date(row.responded_at),
  resolvedAt: date(row.resolved_at),
  result: row.result,
  photos: row.photos ?? [],
  previousId: row.previous_id,
  updatedAt: new Date(row.updated_at),
});

const reminderFrom = (row: any): ReminderRecord => ({
  id: row.id,
  caseId: row.case_id,
  assignmentId: row.assignment_id,
  departmentId: row.department_id,
  recipientRole: row.recipient_role,
  recipientName: row.recipient_name,
  // Sealed at rest (PIPL): a department head's mobile is personal data too.
  recipientPhone: dataKeys().openStored(row.recipient_phone),
  light: row.light,
  message: row.message,
  createdAt: new Date(row.created_at),
  sentAt: date(row.sent_at),
  attempts: row.attempts,
  lastError: row.last_error,
});

const webhookFrom = (row: any): WebhookRecord => ({
  id: row.id,
  departmentId: row.department_id,
  url: row.url,
  secret: row.secret,
  createdAt: new Date(row.created_at),
  removedAt: date(row.removed_at),
});
/* eslint-enable @typescript-eslint/no-explicit-any */

export async function insertPlan(tx: Sql, plan: CasePlan, address: string | null, location: { lng: number; lat: number } | null): Promise<boolean> {
  const rows = await tx.query(
    `INSERT INTO dispatch.case_plan (case_id, category_code, level, whistle, matter_type, time_limit_minutes, due_at, street_id,
       community_id, address, lng, lat, emergency_word, created_at, classified_at, round)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16)
     ON CONFLICT (case_id) DO NOTHING RETURNING case_id`,
    [
      plan.caseId, plan.categoryCode, plan.level, plan.whistle, plan.matterType, plan.timeLimitMinutes, plan.dueAt, plan.streetId,
      plan.communityId, address, location?.lng ?? null, location?.lat ?? null, plan.emergencyWord, plan.createdAt, plan.classifiedAt, plan.round,
    ],
  );
  return rows.length > 0;
}

export async function plansByCaseIds(db: Sql, caseIds: readonly string[]): Promise<Map<string, CasePlan>> {
  const rows = await db.query(`SELECT * FROM dispatch.case_plan WHERE case_id = ANY($1::uuid[])`, [caseIds]);
  return new Map(rows.map((row) => [String(row.case_id), planFrom(row)]));
}

export async function planForUpdate(tx: Sql, caseId: string): Promise<CasePlan | null> {
  const rows = await tx.query(`SELECT * FROM dispatch.case_plan WHERE case_id = $1 FOR UPDATE`, [caseId]);
  return rows[0] ? planFrom(rows[0]) : null;
}

export async function updatePlanDeadline(tx: Sql, caseId: string, dueAt: Date, timeLimitMinutes: number): Promise<void> {
  await tx.query(`UPDATE dispatch.case_plan SET due_at = $2, time_limit_minutes = $3 WHERE case_id = $1`, [caseId, dueAt, timeLimitMinutes]);
}

export async function updatePlanCategory(tx: Sql, caseId: string, categoryCode: string, classifiedAt: Date): Promise<void> {
  await tx.query(`UPDATE dispatch.case_plan SET category_code = $2, classified_at = $3 WHERE case_id = $1`, [caseId, categoryCode, classifiedAt]);
}

export async function updatePlanRound(tx: Sql, caseId: string, round: number): Promise<void> {
  await tx.query(`UPDATE dispatch.case_plan SET round = $2 WHERE case_id = $1`, [caseId, round]);
}

export interface NewAssignment {
  caseId: string;
  departmentId: string;
  round: number;
  dispatchedAt: Date;
  dueAt: Date | null;
  dueFrom: Date | null;
  previousId: string | null;
}

export async function insertAssignment(tx: Sql, input: NewAssignment): Promise<AssignmentRecord> {
  const rows = await tx.query(
    `INSERT INTO dispatch.assignment (case_id, department_id, round, state, dispatched_at, due_at, due_from, previous_id, updated_at)
     VALUES ($1, $2, $3, 'DISPATCHED', $4, $5, $6, $7, $4) RETURNING *`,
    [input.caseId, input.departmentId, input.round, input.dispatchedAt, input.dueAt, input.dueFrom, input.previousId],
  );
  return assignmentFrom(rows[0]);
}

export async function assignmentForUpdate(tx: Sql, id: string): Promise<AssignmentRecord | null> {
  const rows = await tx.query(`SELECT * FROM dispatch.assignment WHERE id = $1 FOR UPDATE`, [id]);
  return rows[0] ? assignmentFrom(rows[0]) : null;
}

export async function saveAssignment(tx: Sql, record: AssignmentRecord): Promise<void> {
  await tx.query(
    `UPDATE dispatch.assignment SET state = $2, due_at = $3, sla_light = $4, red_since = $5, pushed_to_supervision_at = $6,
       responded_at = $7, resolved_at = $8, result = $9, photos = $10, updated_at = $11, due_from = $12 WHERE id = $1`,
    [
      record.id, record.state, record.dueAt, record.slaLight, record.redSince, record.pushedToSupervisionAt, record.respondedAt,
      record.resolvedAt, record.result, JSON.stringify(record.photos), record.updatedAt, record.dueFrom,
    ],
  );
}

export async function assignmentsByIds(db: Sql, ids: readonly string[]): Promise<Map<string, AssignmentRecord>> {
  const rows = await db.query(`SELECT * FROM dispatch.assignment WHERE id = ANY($1::uuid[])`, [ids]);
  return new Map(rows.map((row) => [String(row.id), assignmentFrom(row)]));
}

export async function assignmentsByCaseIds(db: Sql, caseIds: readonly string[]): Promise<Map<string, AssignmentRecord[]>> {
  const rows = await db.query(`SELECT * FROM dispatch.assignment WHERE case_id = ANY($1::uuid[]) ORDER BY dispatched_at, id`, [caseIds]);
  const byCase = new Map<string, AssignmentRecord[]>();
  for (const row of rows) {
    const record = assignmentFrom(row);
    byCase.set(record.caseId, [...(byCase.get(record.caseId) ?? []), record]);
  }
  return byCase;
}

export async function openAssignmentsOfCase(tx: Sql, caseId: string): Promise<AssignmentRecord[]> {
  const rows = await tx.query(
    `SELECT * FROM dispatch.assignment WHERE case_id = $1 AND state IN ('DISPATCHED', 'SIGNED', 'IN_PROGRESS') ORDER BY dispatched_at FOR UPDATE`,
    [caseId],
  );
  return rows.map(assignmentFrom);
}

export async function latestAssignmentOfCase(tx: Sql, caseId: string): Promise<AssignmentRecord | null> {
  const rows = await tx.query(`SELECT * FROM dispatch.assignment WHERE case_id = $1 ORDER BY dispatched_at DESC, updated_at DESC LIMIT 1`, [caseId]);
  return rows[0] ? assignmentFrom(rows[0]) : null;
}

export async function assignmentsOfDepartment(
  db: Sql,
  departmentId: string,
  options: { states?: readonly string[] | null; limit: number; before?: { dispatchedAt: Date; id: string } | null },
): Promise<AssignmentRecord[]> {
  const rows = await db.query(
    `SELECT * FROM dispatch.assignment
      WHERE department_id = $1 AND ($2::text[] IS NULL OR state = ANY($2::text[]))
        AND ($3::timestamptz IS NULL OR (dispatched_at, id) < ($3::timestamptz, $4::uuid))
      ORDER BY dispatched_at DESC, id DESC LIMIT $5`,
    [departmentId, options.states ?? null, options.before?.dispatchedAt ?? null, options.before?.id ?? null, options.limit],
  );
  return rows.map(assignmentFrom);
}

/** Open assignments with a deadline, oldest deadline first, a page at a time (the sweep). */
export async function openAssignmentsWithDeadline(db: Sql, afterId: string | null, limit: number): Promise<AssignmentRecord[]> {
  const rows = await db.query(
    `SELECT * FROM dispatch.assignment
      WHERE state IN ('DISPATCHED', 'SIGNED', 'IN_PROGRESS') AND due_at IS NOT NULL AND ($1::uuid IS NULL OR id > $1::uuid)
      ORDER BY id LIMIT $2`,
    [afterId, limit],
  );
  return rows.map(assignmentFrom);
}

export async function supervisedAssignments(db: Sql, limit: number): Promise<AssignmentRecord[]> {
  const rows = await db.query(
    `SELECT * FROM dispatch.assignment WHERE pushed_to_supervision_at IS NOT NULL AND state IN ('DISPATCHED', 'SIGNED', 'IN_PROGRESS')
      ORDER BY pushed_to_supervision_at LIMIT $1`,
    [limit],
  );
  return rows.map(assignmentFrom);
}

export async function insertTransition(tx: Sql, transition: Omit<TransitionRecord, 'id'>): Promise<void> {
  await tx.query(`INSERT INTO dispatch.transition (assignment_id, from_state, to_state, actor, reason, at) VALUES ($1,$2,$3,$4,$5,$6)`, [
    transition.assignmentId, transition.fromState, transition.toState, transition.actor, transition.reason, transition.at,
  ]);
}

export async function transitionsByAssignmentIds(db: Sql, ids: readonly string[]): Promise<Map<string, TransitionRecord[]>> {
  const rows = await db.query(`SELECT * FROM dispatch.transition WHERE assignment_id = ANY($1::uuid[]) ORDER BY id`, [ids]);
  const byAssignment = new Map<string, TransitionRecord[]>();
  for (const row of rows) {
    const record: TransitionRecord = {
      id: Number(row.id),
      assignmentId: String(row.assignment_id),
      fromState: row.from_state as TransitionRecord['fromState'],
      toState: row.to_state as TransitionRecord['toState'],
      actor: String(row.actor),
      reason: (row.reason as string | null) ?? null,
      at: new Date(row.at as string),
    };
    byAssignment.set(record.assignmentId, [...(byAssignment.get(record.assignmentId) ?? []), record]);
  }
  return byAssignment;
}

/** Records a reminder once per assignment and role; false when it already existed. */
export async function insertReminder(tx: Sql, reminder: Omit<ReminderRecord, 'id' | 'sentAt' | 'attempts' | 'lastError'>): Promise<boolean> {
  const rows = await tx.query(
    `INSERT INTO dispatch.reminder (case_id, assignment_id, department_id, recipient_role, recipient_name, recipient_phone, light, message, created_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9) ON CONFLICT (assignment_id, recipient_role) DO NOTHING RETURNING id`,
    [
      reminder.caseId, reminder.assignmentId, reminder.departmentId, reminder.recipientRole, reminder.recipientName, dataKeys().seal(reminder.recipientPhone),
      reminder.light, reminder.message, reminder.createdAt,
    ],
  );
  return rows.length > 0;
}

export async function remindersByCaseIds(db: Sql, caseIds: readonly string[]): Promise<Map<string, ReminderRecord[]>> {
  const rows = await db.query(`SELECT * FROM dispatch.reminder WHERE case_id = ANY($1::uuid[]) ORDER BY created_at, id`, [caseIds]);
  const byCase = new Map<string, ReminderRecord[]>();
  for (const row of rows) {
    const record = reminderFrom(row);
    byCase.set(record.caseId, [...(byCase.get(record.caseId) ?? []), record]);
  }
  return byCase;
}

/**
 * Claims up to `limit` unsent reminders for this sender until `until`: those no one holds, oldest first.
 * Rows another replica is claiming right now are skipped, not waited for, so two sweeps at once send
 * each reminder once between them.
 */
export async function claimUnsentReminders(db: Sql, now: Date, until: Date, limit: number): Promise<ReminderRecord[]> {
  const rows = await db.query(
    `UPDATE dispatch.reminder SET claimed_until = $2
      WHERE id IN (SELECT id FROM dispatch.reminder
                    WHERE sent_at IS NULL AND (claimed_until IS NULL OR claimed_until <= $1)
                    ORDER BY created_at LIMIT $3
                    FOR UPDATE SKIP LOCKED)
      RETURNING *`,
    [now, until, limit],
  );
  return rows.map(reminderFrom).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
}

/** Sent, or failed (its claim released, so the next sweep tries again). */
export async function markReminder(db: Sql, id: string, outcome: { sentAt: Date } | { error: string }): Promise<void> {
  if ('sentAt' in outcome) await db.query(`UPDATE dispatch.reminder SET sent_at = $2, attempts = attempts + 1, last_error = NULL WHERE id = $1`, [id, outcome.sentAt]);
  else await db.query(`UPDATE dispatch.reminder SET attempts = attempts + 1, last_error = $2, claimed_until = NULL WHERE id = $1`, [id, outcome.error]);
}

export async function departmentOfKeyHash(db: Sql, keyHash: string): Promise<string | null> {
  const rows = await db.query<{ department_id: string }>(
    `SELECT department_id FROM dispatch.department_key WHERE key_hash = $1 AND revoked_at IS NULL`,
    [keyHash],
  );
  return rows[0]?.department_id ?? null;
}

export async function insertDepartmentKey(db: Sql, keyHash: string, departmentId: string, at: Date): Promise<void> {
  await db.query(`INSERT INTO dispatch.department_key (key_hash, department_id, issued_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [
    keyHash, departmentId, at,
  ]);
}

export async function insertWebhook(db: Sql, departmentId: string, url: string, secret: string, at: Date): Promise<WebhookRecord> {
  const rows = await db.query(`INSERT INTO dispatch.webhook (department_id, url, secret, created_at) VALUES ($1,$2,$3,$4) RETURNING *`, [
    departmentId, url, secret, at,
  ]);
  return webhookFrom(rows[0]);
}

export async function webhookById(db: Sql, id: string): Promise<WebhookRecord | null> {
  const rows = await db.query(`SELECT * FROM dispatch.webhook WHERE id = $1`, [id]);
  return rows[0] ? webhookFrom(rows[0]) : null;
}

export async function removeWebhook(db: Sql, id: string, at: Date): Promise<void> {
  await db.query(`UPDATE dispatch.webhook SET removed_at = $2 WHERE id = $1 AND removed_at IS NULL`, [id, at]);
}

export async function activeWebhooks(db: Sql, departmentId: string | null): Promise<WebhookRecord[]> {
  const rows = await db.query(
    `SELECT * FROM dispatch.webhook WHERE removed_at IS NULL AND ($1::text IS NULL OR department_id = $1) ORDER BY created_at`,
    [departmentId],
  );
  return rows.map(webhookFrom);
}

/** Notes that a case was merged into another (null: the merge was undone). */
export async function setPlanMergedInto(tx: Sql, caseId: string, intoCaseId: string | null): Promise<void> {
  await tx.query(`UPDATE dispatch.case_plan SET merged_into = $2 WHERE case_id = $1`, [caseId, intoCaseId]);
}

/** Which merge decision closed this assignment. */
export async function markClosedByMerge(tx: Sql, assignmentId: string, decisionId: string): Promise<void> {
  await tx.query(`UPDATE dispatch.assignment SET closed_by_merge = $2 WHERE id = $1`, [assignmentId, decisionId]);
}

/** The assignments a merge decision closed that nothing has replaced yet (locked). */
export async function assignmentsClosedByMerge(tx: Sql, caseId: string, decisionId: string): Promise<AssignmentRecord[]> {
  const rows = await tx.query(
    `SELECT * FROM dispatch.assignment closed
      WHERE case_id = $1 AND closed_by_merge = $2
        AND NOT EXISTS (SELECT 1 FROM dispatch.assignment next WHERE next.previous_id = closed.id)
      ORDER BY dispatched_at, id FOR UPDATE`,
    [caseId, decisionId],
  );
  return rows.map(assignmentFrom);
}
