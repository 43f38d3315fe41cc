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
import { keepAuditEntry } from './auditLog';

export const ANALYTICS_SCHEMA = 'analytics';

/** Orders two transitions of one assignment stamped with the same instant. */
const STATE_RANK: Record<string, number> = { DISPATCHED: 0, SIGNED: 1, IN_PROGRESS: 2, ESCALATED: 3, REASSIGNED: 3, RESOLVED: 4, CLOSED: 5 };

/** Every projector transaction takes this lock first: see `applyAnalyticsEvents`. */
const READ_MODEL_LOCK = 'huying.analytics.read_model';

/**
 * Applies a batch of events of another service to the read model. Every write is keyed by what the event
 * is about and keeps the newest value by the event's own time; each case an event touched is then
 * recomputed from those keyed rows, once per batch: an event applied twice, or after a later one, leaves
 * the read model as it was.
 *
 * The cases, dispatch and feedback consumers (and every replica of analytics) write the same case rows
 * in whatever order their events come. Taking one transaction-scoped advisory lock before any write
 * makes them take turns, so PostgreSQL can never find two of them waiting on each other (a deadlock);
 * batching keeps the turns few.
 */
export async function applyAnalyticsEvents(tx: Sql, events: readonly Pick<StoredEvent, 'type' | 'payload'>[]): Promise<void> {
  if (events.length === 0) return;
  await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [READ_MODEL_LOCK]);
  const touched = new Set<string>();
  for (const event of events) {
    for (const caseId of await applyKeyedWrites(tx, event)) touched.add(caseId);
  }
  await refreshCases(tx, [...touched]);
}

/** One event on its own (a batch of one). */
export function applyAnalyticsEvent(tx: Sql, event: Pick<StoredEvent, 'type' | 'payload'>): Promise<void> {
  return applyAnalyticsEvents(tx, [event]);
}

/** The event's keyed writes; returns the cases whose derived columns it may have changed. */
function applyKeyedWrites(tx: Sql, event: Pick<StoredEvent, 'type' | 'payload'>): Promise<string[]> {
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
    case 'Audited':
      return keepAuditEntry(tx, payload).then(() => []);
    default:
      return Promise.resolve([]);
  }
}

async function caseOpened(tx: Sql, opened: CaseOpenedEvent): Promise<string[]> {
  await tx.query(
    `INSERT INTO analytics.case_fact (case_id, created_at, title, channel, opened_category, address, lng, lat, category_source, category_confidence, rules_category)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
     ON CONFLICT (case_id) DO UPDATE SET created_at = EXCLUDED.created_at, title = EXCLUDED.title, channel = EXCLUDED.channel,
       opened_category = EXCLUDED.opened_category, address = EXCLUDED.address, lng = EXCLUDED.lng, lat = EXCLUDED.lat,
       category_source = EXCLUDED.category_source, category_confidence = EXCLUDED.category_confidence, rules_category = EXCLUDED.rules_category`,
    [
      opened.caseId,
      opened.createdAt,
      opened.title,
      opened.channel,
      opened.categoryCode,
      opened.address,
      opened.location?.lng ?? null,
      opened.location?.lat ?? null,
      opened.categorySource ?? null,
      opened.categoryConfidence ?? null,
      opened.keywordCategory ?? null,
    ],
  );
  return [];
}

async function reportAttached(tx: Sql, report: ReportAttachedEvent): Promise<string[]> {
  await tx.query(
    // A report of a case already merged away (its merge seen first) goes where the merge moved the others.
    `INSERT INTO analytics.report (report_id, case_id, channel, outcome, received_at, moved_by)
     SELECT $1, COALESCE(fact.merged_into, $2), $3, $4, $5, fact.merged_by
       FROM (SELECT 1) AS one LEFT JOIN analytics.case_fact fact ON fact.case_id = $2
     ON CONFLICT (report_id) DO NOTHING`,
    [report.reportId, report.caseId, report.channel, report.outcome, report.receivedAt],
  );
  // refreshCases adds the case this one was merged into, where the report now counts
  return [report.caseId];
}

async function statusChanged(tx: Sql, change: CaseStatusChangedEvent): Promise<string[]> {
  await tx.query(
    `INSERT INTO analytics.case_fact (case_id, status, status_at) VALUES ($1, $2, $3)
     ON CONFLICT (case_id) DO UPDATE SET status = EXCLUDED.status, status_at = EXCLUDED.status_at
      WHERE analytics.case_fact.status_at IS NULL OR analytics.case_fact.status_at <= EXCLUDED.status_at`,
    [change.caseId, change.status, change.at],
  );
  return [];
}

async function casesMerged(tx: Sql, merge: CasesMergedEvent): Promise<string[]> {
  await tx.query(
    `INSERT INTO analytics.case_fact (case_id, merged_into, merged_by) VALUES ($1, $2, $3)
     ON CONFLICT (case_id) DO UPDATE SET merged_into = EXCLUDED.merged_into, merged_by = EXCLUDED.merged_by`,
    [merge.fromCaseId, merge.intoCaseId, merge.decisionId],
  );
  await tx.query(`UPDATE analytics.report SET case_id = $1, moved_by = $3 WHERE case_id = $2`, [merge.intoCaseId, merge.fromCaseId, merge.decisionId]);
  return [merge.fromCaseId, merge.intoCaseId];
}

async function casesUnmerged(tx: Sql, unmerge: CasesUnmergedEvent): Promise<string[]> {
  await tx.query(`UPDATE analytics.case_fact SET merged_into = NULL, merged_by = NULL WHERE case_id = $1 AND merged_into = $2`, [unmerge.fromCaseId, unmerge.intoCaseId]);
  await tx.query(`UPDATE analytics.report SET case_id = $1, moved_by = NULL WHERE moved_by = $2`, [unmerge.fromCaseId, unmerge.decisionId]);
  return [unmerge.fromCaseId, unmerge.intoCaseId];
}

async function reportSplit(tx: Sql, split: ReportSplitEvent): Promise<string[]> {
  await tx.query(`UPDATE analytics.report SET case_id = $1, moved_by = NULL WHERE report_id = $2`, [split.toCaseId, split.reportId]);
  return [split.fromCaseId, split.toCaseId];
}

async function caseClassified(tx: Sql, classified: CaseClassifiedEvent): Promise<string[]> {
  await tx.query(
    `INSERT INTO analytics.case_fact (case_id, classified_category, street_id, community_id, street_name, community_name, level, whistle, due_at, classified_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
     ON CONFLICT (case_id) DO UPDATE SET classified_category = EXCLUDED.classified_category, street_id = EXCLUDED.street_id,
       community_id = EXCLUDED.community_id, street_name = EXCLUDED.street_name, community_name = EXCLUDED.community_name,
       level = EXCLUDED.level, whistle = EXCLUDED.whistle, due_at = EXCLUDED.due_at, classified_at = EXCLUDED.classified_at
      WHERE analytics.case_fact.classified_at IS NULL OR analytics.case_fact.classified_at <= EXCLUDED.classified_at`,
    [
      classified.caseId,
      classified.categoryCode,
      classified.streetId,
      classified.communityId,
      classified.streetName ?? null,
      classified.communityName ?? null,
      classified.level,
      classified.whistle,
      classified.dueAt,
      classified.at,
    ],
  );
  return [classified.caseId];
}

async function assignmentChanged(tx: Sql, change: AssignmentChangedEvent): Promise<string[]> {
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
  return [change.caseId];
}

async function lightChanged(tx: Sql, light: SlaLightChangedEvent): Promise<string[]> {
  // A light may come before the assignment's first transition is seen: keep it on a placeholder row
  // whose state any real transition overrides.
  await tx.query(
    `INSERT INTO analytics.assignment (assignment_id, case_id, department_id, round, state, state_rank, state_at, first_at, light, light_at)
     VALUES ($1, $2, $3, 1, 'DISPATCHED', -1, '-infinity', $5, $4, $5)
     ON CONFLICT (assignment_id) DO UPDATE SET light = EXCLUDED.light, light_at = EXCLUDED.light_at
      WHERE analytics.assignment.light_at IS NULL OR analytics.assignment.light_at <= EXCLUDED.light_at`,
    [light.assignmentId, light.caseId, light.departmentId, light.light, light.at],
  );
  return [light.caseId];
}

async function caseEvaluated(tx: Sql, evaluation: CaseEvaluatedEvent): Promise<string[]> {
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
  return [evaluation.caseId];
}

async function caseReopened(tx: Sql, reopened: CaseReopenedEvent): Promise<string[]> {
  await tx.query(`INSERT INTO analytics.reopen (case_id, round, reopened_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [
    reopened.caseId,
    reopened.round,
    reopened.at,
  ]);
  return [reopened.caseId];
}

/**
 * Recomputes the derived columns of the touched cases (and of the cases they were merged into) from the
 * keyed rows, in one statement. The round is the highest any assignment or reopen names; only that
 * round's assignments say whether the case is resolved now.
 */
async function refreshCases(tx: Sql, caseIds: readonly string[]): Promise<void> {
  if (caseIds.length === 0) return;
  await tx.query(
    `INSERT INTO analytics.case_fact (case_id) SELECT DISTINCT unnest($1::text[]) ORDER BY 1 ON CONFLICT DO NOTHING`,
    [caseIds],
  );
  await tx.query(
    `WITH touched AS (
       SELECT unnest($1::text[]) AS case_id
       UNION SELECT merged_into FROM analytics.case_fact WHERE case_id = ANY($1::text[]) AND merged_into IS NOT NULL),
     derived AS (
       SELECT touched.case_id, current.round, first_assignment.department_id, first_assignment.department_name,
              handled.responded_at, handled.first_round_due_at, this_round.resolved, this_round.resolved_at,
              CASE lights.worst WHEN 3 THEN 'RED' WHEN 2 THEN 'YELLOW' WHEN 1 THEN 'GREEN' END AS light,
              citizen.satisfied, reports.report_count, reports.has_repeat
         FROM touched
         CROSS JOIN LATERAL (
           SELECT min(responded_at) AS responded_at, min(due_at) FILTER (WHERE round = 1) AS first_round_due_at, max(round) AS max_round
             FROM analytics.assignment WHERE case_id = touched.case_id AND state_rank >= 0) handled
         CROSS JOIN LATERAL (
           SELECT GREATEST(1, handled.max_round, (SELECT max(round) FROM analytics.reopen WHERE case_id = touched.case_id)) AS round) current
         LEFT JOIN LATERAL (
           SELECT department_id, department_name FROM analytics.assignment
            WHERE case_id = touched.case_id AND state_rank >= 0 ORDER BY round, first_at, assignment_id LIMIT 1) first_assignment ON true
         CROSS JOIN LATERAL (
           SELECT COALESCE(bool_or(state IN ('RESOLVED', 'CLOSED')), false)
                    AND NOT COALESCE(bool_or(state IN ('DISPATCHED', 'SIGNED', 'IN_PROGRESS')), false) AS resolved,
                  max(resolved_at) FILTER (WHERE state IN ('RESOLVED', 'CLOSED')) AS resolved_at
             FROM analytics.assignment WHERE case_id = touched.case_id AND state_rank >= 0 AND round = current.round) this_round
         CROSS JOIN LATERAL (
           -- the sweep publishes only changes of light: an open assignment it has not turned is green
           SELECT max(CASE COALESCE(light, 'GREEN') WHEN 'RED' THEN 3 WHEN 'YELLOW' THEN 2 WHEN 'GREEN' THEN 1 END) AS worst
             FROM analytics.assignment WHERE case_id = touched.case_id
              AND state NOT IN ('RESOLVED', 'CLOSED', 'REASSIGNED', 'ESCALATED')) lights
         LEFT JOIN LATERAL (
           SELECT satisfied FROM analytics.evaluation WHERE case_id = touched.case_id AND rater_kind = 'CITIZEN'
            ORDER BY round DESC, evaluated_at DESC, evaluation_id DESC LIMIT 1) citizen ON true
         CROSS JOIN LATERAL (
           SELECT count(*)::int AS report_count, COALESCE(bool_or(outcome = 'REPEAT'), false) AS has_repeat
             FROM analytics.report WHERE case_id = touched.case_id) reports)
     UPDATE analytics.case_fact fact SET
       round = derived.round,
       department_id = derived.department_id,
       department_name = derived.department_name,
       responded_at = derived.responded_at,
       deadline_at = COALESCE(fact.due_at, derived.first_round_due_at),
       resolved = derived.resolved,
       resolved_at = derived.resolved_at,
       light = derived.light,
       satisfied = derived.satisfied,
       report_count = derived.report_count,
       has_repeat = derived.has_repeat
     FROM derived
     WHERE fact.case_id = derived.case_id`,
    [caseIds],
  );
}
