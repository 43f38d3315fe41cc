import type { Sql, StoredEvent } from '@huying/runtime';
import type {
  AssignmentChangedEvent,
  AssignmentState,
  CaseClassifiedEvent,
  CasesMergedEvent,
  CasesUnmergedEvent,
  ReportAttachedEvent,
  ReportSplitEvent,
} from '@huying/schema';
import { ASSIGNMENT_STATE_RANK, roundResolved } from './roundState';

export const FEEDBACK_SCHEMA = 'feedback';

/**
 * Keeps feedback's copy of reporters, areas and assignments current from the cases and dispatch
 * events. Every write is keyed and the newest transition wins, so a replayed or late event changes nothing.
 */
export async function applyUpstreamEvent(tx: Sql, event: StoredEvent): Promise<void> {
  switch (event.type) {
    case 'ReportAttached':
      return reportAttached(tx, event.payload as unknown as ReportAttachedEvent);
    case 'CasesMerged':
      return casesMerged(tx, event.payload as unknown as CasesMergedEvent);
    case 'CasesUnmerged':
      return casesUnmerged(tx, event.payload as unknown as CasesUnmergedEvent);
    case 'ReportSplit':
      return reportSplit(tx, event.payload as unknown as ReportSplitEvent);
    case 'CaseClassified':
      return caseClassified(tx, event.payload as unknown as CaseClassifiedEvent);
    case 'AssignmentChanged':
      return assignmentChanged(tx, event.payload as unknown as AssignmentChangedEvent);
    default:
      return;
  }
}

async function reportAttached(tx: Sql, report: ReportAttachedEvent): Promise<void> {
  await tx.query(
    `INSERT INTO feedback.reporter (report_id, case_id, channel, contact_masked, received_at) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (report_id) DO UPDATE SET channel = EXCLUDED.channel, contact_masked = EXCLUDED.contact_masked`,
    [report.reportId, report.caseId, report.channel, report.contactMasked, report.receivedAt],
  );
  // A reporter joining a case already resolved is due a callback as well.
  await openCallbacks(tx, report.caseId, new Date(report.receivedAt));
}

async function casesMerged(tx: Sql, merge: CasesMergedEvent): Promise<void> {
  // 谁呼谁评 covers merged reporters: the absorbed case's reporters now hear back about the surviving case.
  await tx.query(`UPDATE feedback.reporter SET case_id = $1, moved_by = $3 WHERE case_id = $2`, [merge.intoCaseId, merge.fromCaseId, merge.decisionId]);
  await openCallbacks(tx, merge.intoCaseId, new Date(merge.at));
}

async function casesUnmerged(tx: Sql, unmerge: CasesUnmergedEvent): Promise<void> {
  // Callbacks already owed stay owed: the reporter was told about the case they were part of then.
  await tx.query(`UPDATE feedback.reporter SET case_id = $1, moved_by = NULL WHERE moved_by = $2`, [unmerge.fromCaseId, unmerge.decisionId]);
}

async function reportSplit(tx: Sql, split: ReportSplitEvent): Promise<void> {
  await tx.query(`UPDATE feedback.reporter SET case_id = $1, moved_by = NULL WHERE report_id = $2`, [split.toCaseId, split.reportId]);
}

async function caseClassified(tx: Sql, classified: CaseClassifiedEvent): Promise<void> {
  await tx.query(
    `INSERT INTO feedback.case_area (case_id, street_id, community_id, whistle, category_code) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (case_id) DO UPDATE SET street_id = EXCLUDED.street_id, community_id = EXCLUDED.community_id,
       whistle = EXCLUDED.whistle, category_code = EXCLUDED.category_code`,
    [classified.caseId, classified.streetId, classified.communityId, classified.whistle, classified.categoryCode],
  );
}

async function assignmentChanged(tx: Sql, change: AssignmentChangedEvent): Promise<void> {
  const rank = ASSIGNMENT_STATE_RANK[change.state];
  await tx.query(
    `INSERT INTO feedback.assignment (assignment_id, case_id, department_id, department_name, round, state, state_at, resolved_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (assignment_id) DO UPDATE SET
       state = CASE WHEN (EXCLUDED.state_at, $9::int) > (feedback.assignment.state_at, ${rankSql('feedback.assignment.state')})
                    THEN EXCLUDED.state ELSE feedback.assignment.state END,
       state_at = GREATEST(feedback.assignment.state_at, EXCLUDED.state_at),
       resolved_at = LEAST(feedback.assignment.resolved_at, EXCLUDED.resolved_at),
       department_id = EXCLUDED.department_id,
       department_name = EXCLUDED.department_name`,
    [change.assignmentId, change.caseId, change.departmentId, change.departmentName, change.round, change.state, change.at, change.resolvedAt, rank],
  );
  if (change.state === 'RESOLVED' || change.state === 'CLOSED') await openCallbacks(tx, change.caseId, new Date(change.at));
}

function rankSql(column: string): string {
  const cases = Object.entries(ASSIGNMENT_STATE_RANK)
    .map(([state, rank]) => `WHEN '${state}' THEN ${rank}`)
    .join(' ');
  return `(CASE ${column} ${cases} ELSE 0 END)`;
}

export async function currentRound(tx: Sql, caseId: string): Promise<number> {
  const rows = await tx.query<{ round: number }>(`SELECT round FROM feedback.case_round WHERE case_id = $1`, [caseId]);
  return rows[0]?.round ?? 1;
}

export async function roundStates(tx: Sql, caseId: string, round: number): Promise<AssignmentState[]> {
  const rows = await tx.query<{ state: AssignmentState }>(
    `SELECT state FROM feedback.assignment WHERE case_id = $1 AND round = $2`,
    [caseId, round],
  );
  return rows.map((row) => row.state);
}

/** 回访: once the case's current round is resolved, every reporter of it is due one. */
async function openCallbacks(tx: Sql, caseId: string, at: Date): Promise<void> {
  const round = await currentRound(tx, caseId);
  if (!roundResolved(await roundStates(tx, caseId, round))) return;
  await tx.query(
    `INSERT INTO feedback.callback (case_id, round, report_id, due_since)
     SELECT case_id, $2, report_id, $3 FROM feedback.reporter WHERE case_id = $1
     ON CONFLICT DO NOTHING`,
    [caseId, round, at],
  );
}
