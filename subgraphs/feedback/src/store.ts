import type { Sql } from '@huying/runtime';
import type { Ratings } from './scoring';

export interface EvaluationRecord {
  id: string;
  caseId: string;
  round: number;
  raterKind: 'CITIZEN' | 'STREET';
  rater: string | null;
  reportId: string | null;
  departmentId: string | null;
  departmentName: string | null;
  streetId: string | null;
  communityId: string | null;
  ratings: Ratings;
  score: number;
  stars: number;
  satisfied: boolean;
  reopened: boolean;
  comment: string | null;
  createdAt: Date;
}

export interface CallbackRecord {
  caseId: string;
  round: number;
  reportId: string;
  channel: string;
  contactMasked: string | null;
  dueSince: Date;
  evaluationId: string | null;
}

interface EvaluationRow {
  id: string;
  case_id: string;
  round: number;
  rater_kind: 'CITIZEN' | 'STREET';
  rater: string | null;
  report_id: string | null;
  department_id: string | null;
  department_name: string | null;
  street_id: string | null;
  community_id: string | null;
  responsiveness: number;
  cooperation: number;
  completion: number;
  satisfaction: number;
  score: number;
  stars: number;
  satisfied: boolean;
  reopened: boolean;
  comment: string | null;
  created_at: Date;
}

const toEvaluation = (row: EvaluationRow): EvaluationRecord => ({
  id: row.id,
  caseId: row.case_id,
  round: row.round,
  raterKind: row.rater_kind,
  rater: row.rater,
  reportId: row.report_id,
  departmentId: row.department_id,
  departmentName: row.department_name,
  streetId: row.street_id,
  communityId: row.community_id,
  ratings: { responsiveness: row.responsiveness, cooperation: row.cooperation, completion: row.completion, satisfaction: row.satisfaction },
  score: Number(row.score),
  stars: row.stars,
  satisfied: row.satisfied,
  reopened: row.reopened,
  comment: row.comment,
  createdAt: new Date(row.created_at),
});

export async function evaluationsByIds(db: Sql, ids: readonly string[]): Promise<Map<string, EvaluationRecord>> {
  const rows = await db.query<EvaluationRow>(`SELECT * FROM feedback.evaluation WHERE id = ANY($1::uuid[])`, [ids]);
  return new Map(rows.map((row) => [row.id, toEvaluation(row)]));
}

export async function evaluationsByCaseIds(db: Sql, caseIds: readonly string[]): Promise<Map<string, EvaluationRecord[]>> {
  const rows = await db.query<EvaluationRow>(
    `SELECT * FROM feedback.evaluation WHERE case_id = ANY($1::text[]) ORDER BY round, created_at, id`,
    [caseIds],
  );
  return groupBy(rows.map(toEvaluation), (evaluation) => evaluation.caseId);
}

interface CallbackRow {
  case_id: string;
  round: number;
  report_id: string;
  channel: string;
  contact_masked: string | null;
  due_since: Date;
  evaluation_id: string | null;
}

const toCallback = (row: CallbackRow): CallbackRecord => ({
  caseId: row.case_id,
  round: row.round,
  reportId: row.report_id,
  channel: row.channel,
  contactMasked: row.contact_masked,
  dueSince: new Date(row.due_since),
  evaluationId: row.evaluation_id,
});

const CALLBACK_SELECT = `SELECT callback.case_id, callback.round, callback.report_id, reporter.channel, reporter.contact_masked,
       callback.due_since, callback.evaluation_id
  FROM feedback.callback callback JOIN feedback.reporter reporter ON reporter.report_id = callback.report_id`;

export async function callbacksByCaseIds(db: Sql, caseIds: readonly string[]): Promise<Map<string, CallbackRecord[]>> {
  const rows = await db.query<CallbackRow>(`${CALLBACK_SELECT} WHERE callback.case_id = ANY($1::text[]) ORDER BY callback.round, callback.report_id`, [
    caseIds,
  ]);
  return groupBy(rows.map(toCallback), (callback) => callback.caseId);
}

/** 回访 still to make, oldest first. */
export async function pendingCallbacks(db: Sql, limit: number): Promise<CallbackRecord[]> {
  const rows = await db.query<CallbackRow>(
    `${CALLBACK_SELECT} WHERE callback.evaluation_id IS NULL
        AND callback.round = COALESCE((SELECT round FROM feedback.case_round r WHERE r.case_id = callback.case_id), 1)
      ORDER BY callback.due_since, callback.case_id, callback.report_id LIMIT $1`,
    [limit],
  );
  return rows.map(toCallback);
}

export async function roundsByCaseIds(db: Sql, caseIds: readonly string[]): Promise<Map<string, number>> {
  const rows = await db.query<{ case_id: string; round: number }>(`SELECT case_id, round FROM feedback.case_round WHERE case_id = ANY($1::text[])`, [
    caseIds,
  ]);
  return new Map(rows.map((row) => [row.case_id, row.round]));
}

function groupBy<Item>(items: Item[], key: (item: Item) => string): Map<string, Item[]> {
  const groups = new Map<string, Item[]>();
  for (const item of items) {
    const list = groups.get(key(item));
    if (list) list.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}
