import type { GraphQLError } from 'graphql';
import { conflictError, notFoundError, publishEvent, recordAudit, userInputError, type Clock, type Database, type Sql } from '@huying/runtime';
import type { CaseEvaluatedEvent, CaseReopenedEvent } from '@huying/schema';
import { FEEDBACK_SCHEMA, currentRound, roundStates } from './projector';
import { forbiddenError, type Rater } from './roles';
import { roundResolved } from './roundState';
import { ratingIssues, scoreEvaluation, type Ratings } from './scoring';
import type { EvaluationRecord } from './store';
import { evaluationsByIds } from './store';

export interface FeedbackDeps {
  db: Database;
  clock: Clock;
}

export interface CaseEvaluationInput {
  caseId: string;
  ratings: Ratings;
  comment?: string | null;
  /** The reporter answering the 回访; without it the evaluation is the case's, from an unnamed citizen. */
  reportId?: string | null;
  /** 不满意重办: a dissatisfied evaluation sends the case round for another handling (default yes). */
  reopenIfDissatisfied?: boolean | null;
}

export interface DepartmentEvaluationInput {
  caseId: string;
  departmentId: string;
  ratings: Ratings;
  comment?: string | null;
}

const MAX_COMMENT = 2000;

/** 谁呼谁评: a citizen rates the case once its round is resolved. */
export async function evaluateCase(deps: FeedbackDeps, rater: Rater, input: CaseEvaluationInput): Promise<EvaluationRecord | GraphQLError> {
  if (rater.kind !== 'CITIZEN') return forbiddenError('a street rates departments (evaluateDepartment); only citizens evaluate the case');
  const invalid = inputProblem(input.ratings, input.comment);
  if (invalid) return invalid;
  const { db, clock } = deps;
  return db.transaction(async (tx) => {
    const round = await lockedRound(tx, input.caseId);
    const states = await roundStates(tx, input.caseId, round);
    if (states.length === 0 && !(await caseKnown(tx, input.caseId))) return notFoundError('Case', input.caseId);
    if (!roundResolved(states)) {
      return conflictError(`case ${input.caseId} is not resolved in round ${round} yet; it can be evaluated once resolved`, { round });
    }
    if (input.reportId) {
      const reporter = await tx.query(`SELECT 1 FROM feedback.reporter WHERE report_id = $1 AND case_id = $2`, [input.reportId, input.caseId]);
      if (reporter.length === 0) return userInputError(`report ${input.reportId} is not a report of case ${input.caseId}`, { field: 'reportId' });
      const done = await tx.query(`SELECT 1 FROM feedback.evaluation WHERE case_id = $1 AND round = $2 AND report_id = $3`, [
        input.caseId,
        round,
        input.reportId,
      ]);
      if (done.length > 0) return conflictError(`report ${input.reportId} already evaluated round ${round} of case ${input.caseId}`, { round });
    }
    const answered = await tx.query<{ department_id: string; department_name: string }>(
      `SELECT department_id, department_name FROM feedback.assignment
        WHERE case_id = $1 AND round = $2 AND state IN ('RESOLVED', 'CLOSED')
        ORDER BY resolved_at DESC NULLS LAST, state_at DESC LIMIT 1`,
      [input.caseId, round],
    );
    const outcome = scoreEvaluation(input.ratings);
    const reopen = !outcome.satisfied && (input.reopenIfDissatisfied ?? true);
    const at = clock.now();
    const id = await insertEvaluation(tx, {
      caseId: input.caseId,
      round,
      raterKind: 'CITIZEN',
      rater: input.reportId ?? null,
      reportId: input.reportId ?? null,
      departmentId: answered[0]?.department_id ?? null,
      departmentName: answered[0]?.department_name ?? null,
      ratings: input.ratings,
      comment: input.comment ?? null,
      reopened: reopen,
      at,
      ...outcome,
    });
    if (input.reportId) {
      await tx.query(`UPDATE feedback.callback SET evaluation_id = $4 WHERE case_id = $1 AND round = $2 AND report_id = $3`, [
        input.caseId,
        round,
        input.reportId,
        id,
      ]);
    }
    await publishEvaluated(tx, { evaluationId: id, caseId: input.caseId, round, departmentId: answered[0]?.department_id ?? null, raterKind: 'CITIZEN', at, ...outcome });
    if (reopen) {
      // The old round and its evaluation stay as they were; the case moves on to the next round.
      await tx.query(`UPDATE feedback.case_round SET round = $2 WHERE case_id = $1`, [input.caseId, round + 1]);
      const reopened: CaseReopenedEvent = { caseId: input.caseId, round: round + 1, evaluationId: id, at: at.toISOString() };
      await publishEvent(tx, FEEDBACK_SCHEMA, { type: 'CaseReopened', aggregateId: input.caseId, payload: { ...reopened }, occurredAt: at });
    }
    return (await evaluationsByIds(tx, [id])).get(id)!;
  });
}

/** 谁应评谁: the street that blew the whistle rates a department that answered it. */
export async function evaluateDepartment(
  deps: FeedbackDeps,
  rater: Rater,
  input: DepartmentEvaluationInput,
): Promise<EvaluationRecord | GraphQLError> {
  if (rater.kind !== 'STREET') return forbiddenError('only a street office (an operator in role STREET:<streetId>) rates the departments that answered its whistle');
  const invalid = inputProblem(input.ratings, input.comment);
  if (invalid) return invalid;
  const { db, clock } = deps;
  return db.transaction(async (tx) => {
    const round = await lockedRound(tx, input.caseId);
    const area = await tx.query<{ street_id: string | null; community_id: string | null; whistle: string | null }>(
      `SELECT street_id, community_id, whistle FROM feedback.case_area WHERE case_id = $1`,
      [input.caseId],
    );
    if (!area[0]) return notFoundError('Case', input.caseId);
    if (area[0].street_id !== rater.streetId) return forbiddenError(`case ${input.caseId} belongs to street ${area[0].street_id ?? '(none)'}, not ${rater.streetId}`);
    const answered = await tx.query<{ department_name: string; state: string }>(
      `SELECT department_name, state FROM feedback.assignment WHERE case_id = $1 AND round = $2 AND department_id = $3
        ORDER BY state_at DESC LIMIT 1`,
      [input.caseId, round, input.departmentId],
    );
    if (!answered[0]) return userInputError(`department ${input.departmentId} had no assignment on case ${input.caseId} in round ${round}`, { field: 'departmentId' });
    if (answered[0].state !== 'RESOLVED' && answered[0].state !== 'CLOSED') {
      return conflictError(`department ${input.departmentId} has not resolved its part of case ${input.caseId} yet`, { round });
    }
    const done = await tx.query(`SELECT 1 FROM feedback.evaluation WHERE case_id = $1 AND round = $2 AND department_id = $3 AND rater_kind = 'STREET'`, [
      input.caseId,
      round,
      input.departmentId,
    ]);
    if (done.length > 0) return conflictError(`street ${rater.streetId} already rated department ${input.departmentId} on round ${round}`, { round });
    const outcome = scoreEvaluation(input.ratings);
    const at = clock.now();
    const id = await insertEvaluation(tx, {
      caseId: input.caseId,
      round,
      raterKind: 'STREET',
      rater: rater.streetId,
      reportId: null,
      departmentId: input.departmentId,
      departmentName: answered[0].department_name,
      ratings: input.ratings,
      comment: input.comment ?? null,
      reopened: false,
      at,
      ...outcome,
    });
    await publishEvaluated(tx, { evaluationId: id, caseId: input.caseId, round, departmentId: input.departmentId, raterKind: 'STREET', at, ...outcome });
    return (await evaluationsByIds(tx, [id])).get(id)!;
  });
}

function inputProblem(ratings: Ratings, comment: string | null | undefined): GraphQLError | null {
  const issues = ratingIssues(ratings);
  if (issues.length > 0) return userInputError(issues.map((issue) => issue.message).join('; '), { field: `ratings.${issues[0]!.field}`, issues });
  if (comment && comment.length > MAX_COMMENT) return userInputError(`comment is longer than ${MAX_COMMENT} characters`, { field: 'comment' });
  return null;
}

/** Serialises evaluations of one case, so two dissatisfied answers cannot both reopen the same round. */
async function lockedRound(tx: Sql, caseId: string): Promise<number> {
  await tx.query(`INSERT INTO feedback.case_round (case_id, round) VALUES ($1, 1) ON CONFLICT DO NOTHING`, [caseId]);
  await tx.query(`SELECT round FROM feedback.case_round WHERE case_id = $1 FOR UPDATE`, [caseId]);
  return currentRound(tx, caseId);
}

async function caseKnown(tx: Sql, caseId: string): Promise<boolean> {
  const rows = await tx.query(
    `SELECT 1 FROM feedback.reporter WHERE case_id = $1 UNION ALL SELECT 1 FROM feedback.case_area WHERE case_id = $1 LIMIT 1`,
    [caseId],
  );
  return rows.length > 0;
}

interface NewEvaluation {
  caseId: string;
  round: number;
  raterKind: 'CITIZEN' | 'STREET';
  rater: string | null;
  reportId: string | null;
  departmentId: string | null;
  departmentName: string | null;
  ratings: Ratings;
  score: number;
  stars: number;
  satisfied: boolean;
  reopened: boolean;
  comment: string | null;
  at: Date;
}

async function insertEvaluation(tx: Sql, evaluation: NewEvaluation): Promise<string> {
  const rows = await tx.query<{ id: string }>(
    `INSERT INTO feedback.evaluation (case_id, round, rater_kind, rater, report_id, department_id, department_name, street_id, community_id,
        responsiveness, cooperation, completion, satisfaction, score, stars, satisfied, reopened, comment, created_at)
     SELECT $1, $2, $3, $4, $5, $6, $7, area.street_id, area.community_id, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17
       FROM (SELECT 1) AS one LEFT JOIN feedback.case_area area ON area.case_id = $1
     RETURNING id`,
    [
      evaluation.caseId,
      evaluation.round,
      evaluation.raterKind,
      evaluation.rater,
      evaluation.reportId,
      evaluation.departmentId,
      evaluation.departmentName,
      evaluation.ratings.responsiveness,
      evaluation.ratings.cooperation,
      evaluation.ratings.completion,
      evaluation.ratings.satisfaction,
      evaluation.score,
      evaluation.stars,
      evaluation.satisfied,
      evaluation.reopened,
      evaluation.comment,
      evaluation.at,
    ],
  );
  return rows[0]!.id;
}

async function publishEvaluated(
  tx: Sql,
  evaluation: Omit<CaseEvaluatedEvent, 'at'> & { at: Date },
): Promise<void> {
  const payload: CaseEvaluatedEvent = { ...evaluation, at: evaluation.at.toISOString() };
  await publishEvent(tx, FEEDBACK_SCHEMA, { type: 'CaseEvaluated', aggregateId: evaluation.caseId, payload: { ...payload }, occurredAt: evaluation.at });
  await recordAudit(tx, FEEDBACK_SCHEMA, {
    action: evaluation.raterKind === 'STREET' ? 'evaluateDepartment' : 'evaluateCase',
    subjectType: 'Evaluation',
    subjectId: evaluation.evaluationId,
    actor: evaluation.raterKind === 'STREET' ? 'STREET' : 'CITIZEN',
    before: null,
    after: { caseId: evaluation.caseId, round: evaluation.round, departmentId: evaluation.departmentId, score: evaluation.score, satisfied: evaluation.satisfied },
  }, evaluation.at);
}
