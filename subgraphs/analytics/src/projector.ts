import type { Sql, StoredEvent } from '@huying/runtime';
import type {
  AssignmentChangedEvent,
  CaseClassifiedEvent,
  CaseEvaluatedEvent,
  CaseOpenedEvent,
  CaseReopenedEvent,
  CasesMergedEvent,
  CasesUnmergedEvent,
  CaseStatusChangedEvent,
  ReportAttachedEvent,
  ReportSplitEvent,
  SlaLightChangedEvent,
} from '@huying/schema';

export const ANALYTICS_SCHEMA = 'analytics';

/** Orders two transitions of one assignment stamped with the same instant. */
const STATE_RANK: Record<string, number> = { DISPATCHED: 0, SIGNED: 1, IN_PROGRESS: 2, ESCALATED: 3, REASSIGNED: 3, RESOLVED: 4, CLOSED: 5 };

/**
 * Applies one event of another service to the read model. Every write is keyed by what the event is
 * about and keeps the newest value by the event's own time, and the case row is then recomputed from
 * those keyed rows: an event applied twice, or after a later one, leaves the read model as it was.
 */
export async function applyAnalyticsEvent(tx: Sql, event: Pick<StoredEvent, 'type' | 'payload'>): Promise<void> {
  const payload = event.payload as never;
  switch (event.type) {
    case 'CaseOpened':
      return caseOpened(tx, payload);
    case 'ReportAttached':
      return reportAttached(tx, payload);
    case 'CaseStatusChanged':
      return statusChanged(tx, payload);
    case 'CasesMerged':
      return casesMerged(tx, payload);
    case 'CasesUnmerged':
      return casesUnmerged(tx, payload);
    case 'ReportSplit':
      return reportSplit(tx, payload);
    case 'CaseClassified':
      return caseClassified(tx, payload);
    case 'AssignmentChanged':
      return assignmentChanged(tx, payload);
    case 'SlaLightChanged':
      return lightChanged(tx, payload);
    case 'CaseEvaluated':
      return caseEvaluated(tx, payload);
    case 'CaseReopened':
      return caseReopened(tx, payload);
    default:
      return;
  }
}

async function caseOpened(tx: Sql, opened: CaseOpenedEvent): Promise<void> {
  await tx.query(
    `INSERT INTO analytics.case_fact (case_id, created_at, title, channel, opened_category, address, lng, lat)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (case_id) DO UPDATE SET created_at = EXCLUDED.created_at, title = EXCLUDED.title, channel = EXCLUDED.channel,
       opened_category = EXCLUDED.opened_category, address = EXCLUDED.address, lng = EXCLUDED.lng, lat = EXCLUDED.lat`,
    [opened.caseId, opened.createdAt, opened.title, opened.channel, opened.categoryCode, opened.address, opened.location?.lng ?? null, opened.location?.lat ?? null],
  );
}

async function reportAttached(tx: Sql, report: ReportAttachedEvent): Promise<void> {
  await tx.query(
    // A report of a case already merged away (its merge seen first) goes where the merge moved the others.
    `INSERT INTO analytics.report (report_id, case_id, channel, outcome, received_at, moved_by)
     SELECT $1, COALESCE(fact.merged_into, $2), $3, $4, $5, fact.merged_by
       FROM (SELECT 1) AS one LEFT JOIN analytics.case_fact fact ON fact.case_id = $2
     ON CONFLICT (report_id) DO NOTHING`,
    [report.reportId, report.caseId, report.channel, report.outcome, report.receivedAt],
  );
  await refreshCase(tx, report.caseId);
  const merged = await tx.query<{ merged_into: string }>(`SELECT merged_into FROM analytics.case_fact WHERE case_id = $1 AND merged_into IS NOT NULL`, [report.caseId]);
  if (merged[0]) await refreshCase(tx, merged[0].merged_into);
}

async function statusChanged(tx: Sql, change: CaseStatusChangedEvent): Promise<void> {
  await tx.query(
    `INSERT INTO analytics.case_fact (case_id, status, status_at) VALUES ($1, $2, $3)
     ON CONFLICT (case_id) DO UPDATE SET status = EXCLUDED.status, status_at = EXCLUDED.status_at
      WHERE analytics.case_fact.status_at IS NULL OR analytics.case_fact.status_at <= EXCLUDED.status_at`,
    [change.caseId, change.status, change.at],
  );
}

async function casesMerged(tx: Sql, merge: CasesMergedEvent): Promise<void> {
  await tx.query(
    `INSERT INTO analytics.case_fact (case_id, merged_into, merged_by) VALUES ($1, $2, $3)
     ON CONFLICT (case_id) DO UPDATE SET merged_into = EXCLUDED.merged_into, merged_by = EXCLUDED.merged_by`,
    [merge.fromCaseId, merge.intoCaseId, merge.decisionId],
  );
  await tx.query(`UPDATE analytics.report SET case_id = $1, moved_by = $3 WHERE case_id = $2`, [merge.intoCaseId, merge.fromCaseId, merge.decisionId]);
  await refreshCase(tx, merge.fromCaseId);
  await refreshCase(tx, merge.intoCaseId);
}

async function casesUnmerged(tx: Sql, unmerge: CasesUnmergedEvent): Promise<void> {
  await tx.query(`UPDATE analytics.case_fact SET merged_into = NULL, merged_by = NULL WHERE case_id = $1 AND merged_into = $2`, [unmerge.fromCaseId, unmerge.intoCaseId]);
  await tx.query(`UPDATE analytics.report SET case_id = $1, moved_by = NULL WHERE moved_by = $2`, [unmerge.fromCaseId, unmerge.decisionId]);
  await refreshCase(tx, unmerge.fromCaseId);
  await refreshCase(tx, unmerge.intoCaseId);
}

async function reportSplit(tx: Sql, split: ReportSplitEvent): Promise<void> {
  await tx.query(`UPDATE analytics.report SET case_id = $1, moved_by = NULL WHERE report_id = $2`, [split.toCaseId, split.reportId]);
  await refreshCase(tx, split.fromCaseId);
  await refreshCase(tx, split.toCaseId);
}

async function caseClassified(tx: Sql, classified: CaseClassifiedEvent): Promise<void> {
  await tx.query(
    `INSERT INTO analytics.case_fact (case_id, classified_category, street_id, community_id, level, whistle, due_at, classified_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (case_id) DO UPDATE SET classified_category = EXCLUDED.classified_category, street_id = EXCLUDED.street_id,
       community_id = EXCLUDED.community_id, level = EXCLUDED.level, whistle = EXCLUDED.whistle, due_at = EXCLUDED.due_at,
       classified_at = EXCLUDED.classified_at
      WHERE analytics.case_fact.classified_at IS NULL OR analytics.case_fact.classified_at <= EXCLUDED.classified_at`,
    [classified.caseId, classified.categoryCode, classified.streetId, classified.communityId, classified.level, classified.whistle, classified.dueAt, classified.at],
  );
  await refreshCase(tx, classified.caseId);
}

async function assignmentChanged(tx: Sql, change: AssignmentChangedEvent): Promise<void> {
  await tx.query(
    `INSERT INTO analytics.assignment AS known (assignment_id, case_id, department_id, department_name, round, state, state_rank, state_at,
        first_at, due_at, responded_at, resolved_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8, $9, $10, $11)
     ON CONFLICT (assignment_id) DO UPDATE SET
       state = CASE WHEN (EXCLUDED.state_at, EXCLUDED.state_rank) >= (known.state_at, known.state_rank) THEN EXCLUDED.state ELSE known.state END,
       state_rank = CASE WHEN (EXCLUDED.state_at, EXCLUDED.state_rank) >= (known.state_at, known.state_rank) THEN EXCLUDED.state_rank ELSE known.state_rank END,
       due_at = CASE WHEN (EXCLUDED.state_at, EXCLUDED.state_rank) >= (known.state_at, known.state_rank) THEN EXCLUDED.due_at ELSE known.due_at END,
       state_at = GREATEST(known.state_at, EXCLUDED.state_at),
       first_at = LEAST(known.first_at, EXCLUDED.first_at),
       responded_at = LEAST(known.responded_at, EXCLUDED.responded_at),
       resolved_at = LEAST(known.resolved_at, EXCLUDED.resolved_at),
       case_id = EXCLUDED.case_id, round = EXCLUDED.round,
       department_id = EXCLUDED.department_id, department_name = EXCLUDED.department_name`,
    [
      change.assignmentId,
      change.caseId,
      change.departmentId,
      change.departmentName,
      change.round,
      change.state,
      STATE_RANK[change.state] ?? 0,
      change.at,
      change.dueAt,
      change.respondedAt,
      change.resolvedAt,
    ],
  );
  await refreshCase(tx, change.caseId);
}

async function lightChanged(tx: Sql, light: SlaLightChangedEvent): Promise<void> {
  // A light may come before the assignment's first transition is seen: keep it on a placeholder row
  // whose state any real transition overrides.
  await tx.query(
    `INSERT INTO analytics.assignment (assignment_id, case_id, department_id, round, state, state_rank, state_at, first_at, light, light_at)
     VALUES ($1, $2, $3, 1, 'DISPATCHED', -1, '-infinity', $5, $4, $5)
     ON CONFLICT (assignment_id) DO UPDATE SET light = EXCLUDED.light, light_at = EXCLUDED.light_at
      WHERE analytics.assignment.light_at IS NULL OR analytics.assignment.light_at <= EXCLUDED.light_at`,
    [light.assignmentId, light.caseId, light.departmentId, light.light, light.at],
  );
  await refreshCase(tx, light.caseId);
}

async function caseEvaluated(tx: Sql, evaluation: CaseEvaluatedEvent): Promise<void> {
  await tx.query(
    `INSERT INTO analytics.evaluation (evaluation_id, case_id, round, rater_kind, department_id, score, stars, satisfied, evaluated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (evaluation_id) DO NOTHING`,
    [
      evaluation.evaluationId,
      evaluation.caseId,
      evaluation.round,
      evaluation.raterKind,
      evaluation.departmentId,
      evaluation.score,
      evaluation.stars,
      evaluation.satisfied,
      evaluation.at,
    ],
  );
  await refreshCase(tx, evaluation.caseId);
}

async function caseReopened(tx: Sql, reopened: CaseReopenedEvent): Promise<void> {
  await tx.query(`INSERT INTO analytics.reopen (case_id, round, reopened_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [
    reopened.caseId,
    reopened.round,
    reopened.at,
  ]);
  await refreshCase(tx, reopened.caseId);
}

/**
 * Recomputes a case's derived columns from the keyed rows. The round is the highest any assignment or
 * reopen names; only that round's assignments say whether the case is resolved now.
 */
async function refreshCase(tx: Sql, caseId: string): Promise<void> {
  await tx.query(`INSERT INTO analytics.case_fact (case_id) VALUES ($1) ON CONFLICT DO NOTHING`, [caseId]);
  await tx.query(
    `WITH assignments AS (SELECT * FROM analytics.assignment WHERE case_id = $1 AND state_rank >= 0),
          current AS (
            SELECT GREATEST(1, (SELECT max(round) FROM assignments), (SELECT max(round) FROM analytics.reopen WHERE case_id = $1)) AS round),
          first_assignment AS (SELECT department_id, department_name FROM assignments ORDER BY round, first_at, assignment_id LIMIT 1),
          this_round AS (SELECT assignments.* FROM assignments, current WHERE assignments.round = current.round),
          lights AS (SELECT light FROM analytics.assignment WHERE case_id = $1 AND light IS NOT NULL
                       AND state NOT IN ('RESOLVED', 'CLOSED', 'REASSIGNED', 'ESCALATED'))
     UPDATE analytics.case_fact fact SET
       round = current.round,
       department_id = (SELECT department_id FROM first_assignment),
       department_name = (SELECT department_name FROM first_assignment),
       responded_at = (SELECT min(responded_at) FROM assignments),
       deadline_at = COALESCE(fact.due_at, (SELECT min(due_at) FROM assignments WHERE round = 1)),
       resolved = EXISTS (SELECT 1 FROM this_round WHERE state IN ('RESOLVED', 'CLOSED'))
              AND NOT EXISTS (SELECT 1 FROM this_round WHERE state IN ('DISPATCHED', 'SIGNED', 'IN_PROGRESS')),
       resolved_at = (SELECT max(resolved_at) FROM this_round WHERE state IN ('RESOLVED', 'CLOSED')),
       light = CASE WHEN EXISTS (SELECT 1 FROM lights WHERE light = 'RED') THEN 'RED'
                    WHEN EXISTS (SELECT 1 FROM lights WHERE light = 'YELLOW') THEN 'YELLOW'
                    WHEN EXISTS (SELECT 1 FROM lights) THEN 'GREEN' END,
       satisfied = (SELECT satisfied FROM analytics.evaluation WHERE case_id = $1 AND rater_kind = 'CITIZEN'
                     ORDER BY round DESC, evaluated_at DESC, evaluation_id DESC LIMIT 1),
       report_count = (SELECT count(*) FROM analytics.report WHERE case_id = $1),
       has_repeat = EXISTS (SELECT 1 FROM analytics.report WHERE case_id = $1 AND outcome = 'REPEAT')
     FROM current
     WHERE fact.case_id = $1`,
    [caseId],
  );
}
