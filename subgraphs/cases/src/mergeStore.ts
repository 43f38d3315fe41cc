import type { Sql } from '@huying/runtime';
import type { CaseStatus } from '@huying/schema';
import type { MergeDecisionKind, MergeDecisionRecord, MergeDecisionState } from './model';

/** SQL of merge decisions and report moves. Nothing here deletes a row: undoing is a new state. */

interface DecisionRow {
  id: string;
  kind: MergeDecisionKind;
  outcome: 'REPEAT' | 'MERGED' | null;
  state: MergeDecisionState;
  into_case_id: string;
  from_case_id: string | null;
  report_id: string | null;
  score: number | null;
  signals: Record<string, unknown> | null;
  automatic: boolean;
  decided_by: string | null;
  reason: string | null;
  decided_at: Date;
  undone_at: Date | null;
  undone_by: string | null;
  undo_reason: string | null;
}

const DECISION_COLUMNS =
  'id, kind, outcome, state, into_case_id, from_case_id, report_id, score, signals, automatic, decided_by, reason, decided_at, undone_at, undone_by, undo_reason';

function toDecision(row: DecisionRow): MergeDecisionRecord {
  return {
    id: row.id,
    kind: row.kind,
    outcome: row.outcome,
    state: row.state,
    intoCaseId: row.into_case_id,
    fromCaseId: row.from_case_id,
    reportId: row.report_id,
    score: row.score,
    signals: typeof row.signals === 'string' ? (JSON.parse(row.signals) as Record<string, unknown>) : row.signals,
    automatic: row.automatic,
    decidedBy: row.decided_by,
    reason: row.reason,
    decidedAt: new Date(row.decided_at),
    undoneAt: row.undone_at ? new Date(row.undone_at) : null,
    undoneBy: row.undone_by,
    undoReason: row.undo_reason,
  };
}

export type NewDecision = Pick<MergeDecisionRecord, 'kind' | 'outcome' | 'state' | 'intoCaseId' | 'fromCaseId' | 'reportId' | 'score' | 'signals' | 'automatic' | 'decidedBy' | 'reason' | 'decidedAt'>;

/** A decision's columns with their types: typed, so its values also read right in an INSERT … SELECT. */
const DECISION_INSERT_COLUMNS = [
  ['kind', 'text'],
  ['outcome', 'text'],
  ['state', 'text'],
  ['into_case_id', 'uuid'],
  ['from_case_id', 'uuid'],
  ['report_id', 'uuid'],
  ['score', 'float8'],
  ['signals', 'jsonb'],
  ['automatic', 'boolean'],
  ['decided_by', 'text'],
  ['reason', 'text'],
  ['decided_at', 'timestamptz'],
] as const;

/**
 * The INSERT of `decision`, its parameters numbered from `firstParam`. With `reportIdFrom` (the name of a
 * CTE holding the new report's `id`), it is the decision about a report inserted in the same statement:
 * intake writes a report and its decision in one round trip.
 */
export function decisionInsert(decision: NewDecision, firstParam = 1, reportIdFrom?: string): { sql: string; params: unknown[] } {
  const values: Record<(typeof DECISION_INSERT_COLUMNS)[number][0], unknown> = {
    kind: decision.kind,
    outcome: decision.outcome,
    state: decision.state,
    into_case_id: decision.intoCaseId,
    from_case_id: decision.fromCaseId,
    report_id: decision.reportId,
    score: decision.score,
    signals: decision.signals ? JSON.stringify(decision.signals) : null,
    automatic: decision.automatic,
    decided_by: decision.decidedBy,
    reason: decision.reason,
    decided_at: decision.decidedAt,
  };
  const params: unknown[] = [];
  const expressions = DECISION_INSERT_COLUMNS.map(([column, type]) => {
    if (column === 'report_id' && reportIdFrom) return `${reportIdFrom}.id`;
    params.push(values[column]);
    return `$${firstParam + params.length - 1}::${type}`;
  });
  const columns = DECISION_INSERT_COLUMNS.map(([column]) => column).join(', ');
  return { sql: `INSERT INTO cases.merge_decision (${columns}) SELECT ${expressions.join(', ')}${reportIdFrom ? ` FROM ${reportIdFrom}` : ''}`, params };
}

export async function insertDecision(sql: Sql, decision: NewDecision): Promise<MergeDecisionRecord> {
  const insert = decisionInsert(decision);
  const rows = await sql.query<DecisionRow>(`${insert.sql} RETURNING ${DECISION_COLUMNS}`, insert.params);
  return toDecision(rows[0]!);
}

/**
 * Queues a suggestion unless its two cases already wait in the queue, or an operator has told them apart
 * (a suggestion rejected, a merge undone), either way round: a report that meets two cases asks once.
 */
export async function queueSuggestion(sql: Sql, suggestion: NewDecision & { fromCaseId: string }): Promise<void> {
  const insert = decisionInsert(suggestion);
  const from = `$${insert.params.length + 1}::uuid`;
  const into = `$${insert.params.length + 2}::uuid`;
  await sql.query(
    `${insert.sql} WHERE NOT EXISTS (
       SELECT 1 FROM cases.merge_decision told
        WHERE ((told.from_case_id = ${from} AND told.into_case_id = ${into}) OR (told.from_case_id = ${into} AND told.into_case_id = ${from}))
          AND told.state IN ('PENDING', 'REJECTED', 'UNDONE'))`,
    [...insert.params, suggestion.fromCaseId, suggestion.intoCaseId],
  );
}

export async function lockDecision(sql: Sql, id: string): Promise<MergeDecisionRecord | null> {
  const rows = await sql.query<DecisionRow>(`SELECT ${DECISION_COLUMNS} FROM cases.merge_decision WHERE id = $1 FOR UPDATE`, [id]);
  return rows[0] ? toDecision(rows[0]) : null;
}

export async function setDecisionState(
  sql: Sql,
  id: string,
  state: MergeDecisionState,
  change: { at: Date; by: string | null; reason: string | null },
): Promise<void> {
  if (state === 'UNDONE') {
    await sql.query(`UPDATE cases.merge_decision SET state = $2, undone_at = $3, undone_by = $4, undo_reason = $5 WHERE id = $1`, [
      id,
      state,
      change.at,
      change.by,
      change.reason,
    ]);
  } else {
    await sql.query(`UPDATE cases.merge_decision SET state = $2, decided_by = coalesce($3, decided_by) WHERE id = $1`, [id, state, change.by]);
  }
}

/** Decisions touching each case (as target or source), oldest first. */
export async function decisionsByCaseIds(sql: Sql, caseIds: readonly string[]): Promise<Map<string, MergeDecisionRecord[]>> {
  const rows = await sql.query<DecisionRow & { touched: string }>(
    `SELECT ${DECISION_COLUMNS}, touched FROM (
       SELECT d.*, d.into_case_id AS touched FROM cases.merge_decision d WHERE d.into_case_id = ANY($1::uuid[])
       UNION ALL
       SELECT d.*, d.from_case_id AS touched FROM cases.merge_decision d WHERE d.from_case_id = ANY($1::uuid[])
     ) both_sides ORDER BY decided_at, id`,
    [caseIds],
  );
  const byCase = new Map<string, MergeDecisionRecord[]>();
  for (const row of rows) {
    const list = byCase.get(row.touched) ?? [];
    list.push(toDecision(row));
    byCase.set(row.touched, list);
  }
  return byCase;
}

/** The review queue: pending suggestions, oldest first, keyset-paged on (decided_at, id). */
export async function pendingSuggestions(
  sql: Sql,
  limit: number,
  after: { decidedAt: Date; id: string } | null,
): Promise<MergeDecisionRecord[]> {
  const rows = await sql.query<DecisionRow>(
    `SELECT ${DECISION_COLUMNS} FROM cases.merge_decision
      WHERE state = 'PENDING' ${after ? 'AND (decided_at, id) > ($2, $3::uuid)' : ''}
      ORDER BY decided_at, id LIMIT $1`,
    after ? [limit, after.decidedAt, after.id] : [limit],
  );
  return rows.map(toDecision);
}

export async function countPendingSuggestions(sql: Sql): Promise<number> {
  const rows = await sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM cases.merge_decision WHERE state = 'PENDING'`);
  return rows[0]?.n ?? 0;
}

/** Moves reports to another case and records each move under the decision. */
export async function moveReports(
  sql: Sql,
  decisionId: string,
  reportIds: readonly string[],
  fromCaseId: string,
  toCaseId: string,
): Promise<void> {
  if (!reportIds.length) return;
  await sql.query(`UPDATE cases.report SET case_id = $3 WHERE id = ANY($1::uuid[]) AND case_id = $2`, [reportIds, fromCaseId, toCaseId]);
  await sql.query(
    `INSERT INTO cases.report_move (decision_id, report_id, from_case_id, to_case_id)
     SELECT $1, unnest($2::uuid[]), $3, $4`,
    [decisionId, reportIds, fromCaseId, toCaseId],
  );
}

export async function movesOf(sql: Sql, decisionId: string): Promise<{ reportId: string; fromCaseId: string; toCaseId: string }[]> {
  const rows = await sql.query<{ report_id: string; from_case_id: string; to_case_id: string }>(
    'SELECT report_id, from_case_id, to_case_id FROM cases.report_move WHERE decision_id = $1',
    [decisionId],
  );
  return rows.map((row) => ({ reportId: row.report_id, fromCaseId: row.from_case_id, toCaseId: row.to_case_id }));
}

/** Puts a report a merge moved back in the case it came from (undoing that merge). */
export async function moveReportBack(sql: Sql, move: { reportId: string; fromCaseId: string; toCaseId: string }): Promise<void> {
  await sql.query('UPDATE cases.report SET case_id = $3 WHERE id = $1 AND case_id = $2', [move.reportId, move.toCaseId, move.fromCaseId]);
}

export async function reportIdsOfCase(sql: Sql, caseId: string): Promise<string[]> {
  const rows = await sql.query<{ id: string }>('SELECT id FROM cases.report WHERE case_id = $1 ORDER BY received_at, id', [caseId]);
  return rows.map((row) => row.id);
}

/** The case a case is now part of: itself, or where its merges led (each case merges into one at most). */
const LIVE_CASE = `
WITH RECURSIVE chain AS (
       SELECT id, merged_into, 0 AS hops FROM cases.case WHERE id = $1
       UNION ALL
       SELECT c.id, c.merged_into, chain.hops + 1 FROM cases.case c JOIN chain ON c.id = chain.merged_into WHERE chain.hops < 64)
SELECT id FROM chain WHERE merged_into IS NULL`;

export async function liveCaseOf(sql: Sql, caseId: string): Promise<string> {
  const rows = await sql.query<{ id: string }>(LIVE_CASE, [caseId]);
  return rows[0]?.id ?? caseId;
}

/** A case merged away keeps its row (and its id in every event) with status MERGED and a pointer. */
export async function markMerged(sql: Sql, caseId: string, intoCaseId: string, now: Date): Promise<void> {
  await sql.query(
    `UPDATE cases.case SET status_before_merge = status, status = 'MERGED', merged_into = $2, updated_at = $3 WHERE id = $1`,
    [caseId, intoCaseId, now],
  );
}

export async function unmarkMerged(sql: Sql, caseId: string, now: Date): Promise<CaseStatus> {
  const rows = await sql.query<{ status: CaseStatus }>(
    `UPDATE cases.case SET status = coalesce(status_before_merge, 'RECEIVED'), status_before_merge = NULL, merged_into = NULL,
            updated_at = $2 WHERE id = $1 RETURNING status`,
    [caseId, now],
  );
  return rows[0]?.status ?? 'RECEIVED';
}

/** The case's clock is its first report's time: after reports move, it is set from the reports it holds. */
export async function resetCaseClock(sql: Sql, caseId: string, now: Date): Promise<void> {
  await sql.query(
    `UPDATE cases.case c SET updated_at = $2,
            created_at = coalesce((SELECT min(r.received_at) FROM cases.report r WHERE r.case_id = c.id), c.created_at)
      WHERE c.id = $1`,
    [caseId, now],
  );
}

export async function lockCases(sql: Sql, caseIds: readonly string[]): Promise<void> {
  await sql.query('SELECT id FROM cases.case WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE', [caseIds]);
}

/** Reporters of each case: distinct contact hashes, plus each report that came without a contact. */
export async function reporterCounts(sql: Sql, caseIds: readonly string[]): Promise<Map<string, number>> {
  const rows = await sql.query<{ case_id: string; n: number }>(
    `SELECT case_id, (count(DISTINCT contact_hash) + count(*) FILTER (WHERE contact_hash IS NULL))::int AS n
       FROM cases.report WHERE case_id = ANY($1::uuid[]) GROUP BY case_id`,
    [caseIds],
  );
  return new Map(rows.map((row) => [row.case_id, row.n]));
}
