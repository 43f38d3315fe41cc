import { conflictError, forbiddenError, notFoundError, publishEvent, recordAudit, userInputError, type Clock, type Database, type DomainError, type Sql } from '@huying/runtime';
import type { CaseEvaluatedEvent, CaseReopenedEvent } from '@huying/schema';
import { FEEDBACK_SCHEMA, roundStates } from './projector';
import type { Rater } from './roles';
import { roundResolved } from './roundState';
import { ratingIssues, scoreEvaluation, type Ratings } from './scoring';
import * as evaluations from './evaluationStatements';
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
export async function evaluateCase(deps: FeedbackDeps, rater: Rater, input: CaseEvaluationInput): Promise<EvaluationRecord | DomainError> {
  if (rater.kind !== 'CITIZEN') return forbiddenError('a street rates departments (evaluateDepartment); only citizens evaluate the case');
  const invalid = inputProblem(input.ratings, input.comment);
  if (invalid) return invalid;
  const { db, clock } = deps;
  return db.transaction(async (tx) => {
    const round = await evaluations.lockedRound(tx, input.caseId);
    const states = await roundStates(tx, input.caseId, round);
    if (states.length === 0 && !(await evaluations.caseKnown(tx, input.caseId))) return notFoundError('Case', input.caseId);
    if (!roundResolved(states)) {
      return conflictError(`case ${input.caseId} is not resolved in round ${round} yet; it can be evaluated once resolved`, { round });
    }
    if (input.reportId) {
      if (!(await evaluations.isReportOfCase(tx, input.reportId, input.caseId))) return userInputError(`report ${input.reportId} is not a report of case ${input.caseId}`, { field: 'reportId' });
      if (await evaluations.reportEvaluatedRound(tx, input.caseId, round, input.reportId)) return conflictError(`report ${input.reportId} already evaluated round ${round} of case ${input.caseId}`, { round });
    }
    const answered = await evaluations.departmentThatResolved(tx, input.caseId, round);
    const outcome = scoreEvaluation(input.ratings);
    const reopen = !outcome.satisfied && (input.reopenIfDissatisfied ?? true);
    const at = clock.now();
    const id = await evaluations.insertEvaluation(tx, {
      caseId: input.caseId,
      round,
      raterKind: 'CITIZEN',
      rater: input.reportId ?? null,
      reportId: input.reportId ?? null,
      departmentId: answered?.departmentId ?? null,
      departmentName: answered?.departmentName ?? null,
      ratings: input.ratings,
      comment: input.comment ?? null,
      reopened: reopen,
      at,
      ...outcome,
    });
    if (input.reportId) {
      await evaluations.answerCallback(tx, input.caseId, round, input.reportId, id);
    }
    await publishEvaluated(tx, { evaluationId: id, caseId: input.caseId, round, departmentId: answered?.departmentId ?? null, raterKind: 'CITIZEN', at, ...outcome });
    if (reopen) {
      // The old round and its evaluation stay as they were; the case moves on to the next round.
      await evaluations.moveToRound(tx, input.caseId, round + 1);
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
): Promise<EvaluationRecord | DomainError> {
  if (rater.kind !== 'STREET') return forbiddenError('only a street office (an operator in role STREET:<streetId>) rates the departments that answered its whistle');
  const invalid = inputProblem(input.ratings, input.comment);
  if (invalid) return invalid;
  const { db, clock } = deps;
  return db.transaction(async (tx) => {
    const round = await evaluations.lockedRound(tx, input.caseId);
    const streetId = await evaluations.streetOfCase(tx, input.caseId);
    if (streetId === undefined) return notFoundError('Case', input.caseId);
    if (streetId !== rater.streetId) return forbiddenError(`case ${input.caseId} belongs to street ${streetId ?? '(none)'}, not ${rater.streetId}`);
    const answered = await evaluations.departmentPartInRound(tx, input.caseId, round, input.departmentId);
    if (!answered) return userInputError(`department ${input.departmentId} had no assignment on case ${input.caseId} in round ${round}`, { field: 'departmentId' });
    if (answered.state !== 'RESOLVED' && answered.state !== 'CLOSED') {
      return conflictError(`department ${input.departmentId} has not resolved its part of case ${input.caseId} yet`, { round });
    }
    if (await evaluations.streetRatedDepartment(tx, input.caseId, round, input.departmentId)) return conflictError(`street ${rater.streetId} already rated department ${input.departmentId} on round ${round}`, { round });
    const outcome = scoreEvaluation(input.ratings);
    const at = clock.now();
    const id = await evaluations.insertEvaluation(tx, {
      caseId: input.caseId,
      round,
      raterKind: 'STREET',
      rater: rater.streetId,
      reportId: null,
      departmentId: input.departmentId,
      departmentName: answered.departmentName,
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

function inputProblem(ratings: Ratings, comment: string | null | undefined): DomainError | null {
  const issues = ratingIssues(ratings);
  if (issues.length > 0) return userInputError(issues.map((issue) => issue.message).join('; '), { field: `ratings.${issues[0]!.field}`, issues });
  if (comment && comment.length > MAX_COMMENT) return userInputError(`comment is longer than ${MAX_COMMENT} characters`, { field: 'comment' });
  return null;
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
