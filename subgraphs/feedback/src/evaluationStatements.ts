import type { Sql } from '@huying/runtime';
import { currentRound } from './projector';
import type { EvaluationRecord } from './store';

/** What evaluating a case reads and writes, as named statements (the workflow is in evaluate.ts). */

export async function isReportOfCase(tx: Sql, reportId: string, caseId: string): Promise<boolean> {
  return (await tx.query('SELECT 1 FROM feedback.reporter WHERE report_id = $1 AND case_id = $2', [reportId, caseId])).length > 0;
}

export async function reportEvaluatedRound(tx: Sql, caseId: string, round: number, reportId: string): Promise<boolean> {
  return (await tx.query('SELECT 1 FROM feedback.evaluation WHERE case_id = $1 AND round = $2 AND report_id = $3', [caseId, round, reportId])).length > 0;
}

/** The department that resolved the round last (the one a citizen's evaluation rates). */
export async function departmentThatResolved(tx: Sql, caseId: string, round: number): Promise<{ departmentId: string; departmentName: string } | null> {
  const [row] = await tx.query<{ department_id: string; department_name: string }>(
    `SELECT department_id, department_name FROM feedback.assignment
      WHERE case_id = $1 AND round = $2 AND state IN ('RESOLVED', 'CLOSED')
      ORDER BY resolved_at DESC NULLS LAST, state_at DESC LIMIT 1`,
    [caseId, round],
  );
  return row ? { departmentId: row.department_id, departmentName: row.department_name } : null;
}

/** The 回访 of this report and round is answered by the evaluation. */
export async function answerCallback(tx: Sql, caseId: string, round: number, reportId: string, evaluationId: string): Promise<void> {
  await tx.query('UPDATE feedback.callback SET evaluation_id = $4 WHERE case_id = $1 AND round = $2 AND report_id = $3', [caseId, round, reportId, evaluationId]);
}

/** 不满意重办: the case moves on to the next round of handling. */
export async function moveToRound(tx: Sql, caseId: string, round: number): Promise<void> {
  await tx.query('UPDATE feedback.case_round SET round = $2 WHERE case_id = $1', [caseId, round]);
}

/** The street a case is in: null when it has none, undefined when feedback has never heard of the case. */
export async function streetOfCase(tx: Sql, caseId: string): Promise<string | null | undefined> {
  const [row] = await tx.query<{ street_id: string | null }>('SELECT street_id FROM feedback.case_area WHERE case_id = $1', [caseId]);
  return row ? row.street_id : undefined;
}

/** A department's latest assignment on the case in this round. */
export async function departmentPartInRound(tx: Sql, caseId: string, round: number, departmentId: string): Promise<{ departmentName: string; state: string } | null> {
  const [row] = await tx.query<{ department_name: string; state: string }>(
    `SELECT department_name, state FROM feedback.assignment WHERE case_id = $1 AND round = $2 AND department_id = $3
      ORDER BY state_at DESC LIMIT 1`,
    [caseId, round, departmentId],
  );
  return row ? { departmentName: row.department_name, state: row.state } : null;
}

export async function streetRatedDepartment(tx: Sql, caseId: string, round: number, departmentId: string): Promise<boolean> {
  const rows = await tx.query(`SELECT 1 FROM feedback.evaluation WHERE case_id = $1 AND round = $2 AND department_id = $3 AND rater_kind = 'STREET'`, [caseId, round, departmentId]);
  return rows.length > 0;
}

/** Serialises evaluations of one case, so two dissatisfied answers cannot both reopen the same round. */
export async function lockedRound(tx: Sql, caseId: string): Promise<number> {
  await tx.query(`INSERT INTO feedback.case_round (case_id, round) VALUES ($1, 1) ON CONFLICT DO NOTHING`, [caseId]);
  await tx.query(`SELECT round FROM feedback.case_round WHERE case_id = $1 FOR UPDATE`, [caseId]);
  return currentRound(tx, caseId);
}

export async function caseKnown(tx: Sql, caseId: string): Promise<boolean> {
  const rows = await tx.query(
    `SELECT 1 FROM feedback.reporter WHERE case_id = $1 UNION ALL SELECT 1 FROM feedback.case_area WHERE case_id = $1 LIMIT 1`,
    [caseId],
  );
  return rows.length > 0;
}

/** An evaluation as it is written: its street and community come from the case's area. */
export type NewEvaluation = Omit<EvaluationRecord, 'id' | 'streetId' | 'communityId' | 'createdAt'> & { at: Date };

export async function insertEvaluation(tx: Sql, evaluation: NewEvaluation): Promise<string> {
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
