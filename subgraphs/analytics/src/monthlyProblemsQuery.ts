import { pageSize, userInputError, type Sql } from '@huying/runtime';
import { dayStart } from './beijingDays';
import { MONTHLY_PROBLEM_DEFAULTS, monthlyProblemRanking, type MonthlyProblem } from './monthlyProblems';

/**
 * Requests per street × category × Beijing month received over [$1, $2), of one street ($3) or all: every
 * report on every channel, a merged case's under the case it joined, placed where its case is.
 */
const PROBLEM_MONTH_COUNTS = `
SELECT f.street_id, max(f.street_name) AS street_name, f.category_code,
       to_char(r.received_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') AS month, count(*)::int AS requests
  FROM analytics.report r
  JOIN analytics.case_fact f ON f.case_id = r.case_id
 WHERE r.received_at >= $1 AND r.received_at < $2 AND f.merged_into IS NULL AND ($3::text IS NULL OR f.street_id = $3)
 GROUP BY f.street_id, f.category_code, 4`;

export interface MonthlyProblemQuery {
  /** The Beijing month ranked, `YYYY-MM`. */
  month: string;
  streetId: string | null;
  first: number;
  minRequests: number;
}

/** The query's arguments checked: a month that exists, whole numbers of at least 1. */
export function monthlyProblemQuery(args: { month: string; streetId?: string | null; first?: number | null; minRequests?: number | null }): MonthlyProblemQuery {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(args.month)) throw userInputError('month must be a month as YYYY-MM, e.g. 2026-11', { field: 'month' });
  const minRequests = args.minRequests ?? 3;
  if (!Number.isInteger(minRequests) || minRequests < 1) throw userInputError('minRequests must be a whole number of at least 1', { field: 'minRequests' });
  return { month: args.month, streetId: args.streetId ?? null, first: pageSize(args.first), minRequests };
}

/** `YYYY-MM` `shift` months from `month`. */
function monthAt(month: string, shift: number): string {
  const [year, number] = month.split('-').map(Number) as [number, number];
  const at = new Date(Date.UTC(year, number - 1 + shift, 1));
  return at.toISOString().slice(0, 7);
}

/** The first instant of a Beijing month. */
const monthStart = (month: string) => dayStart(Date.parse(`${month}-01T00:00:00Z`) / 86_400_000);

/** 每月一题 for one month: the street × category problems ranked by heat (monthlyProblems.ts). */
export async function monthlyProblems(db: Sql, query: MonthlyProblemQuery): Promise<(MonthlyProblem & { month: string })[]> {
  const months = Array.from({ length: MONTHLY_PROBLEM_DEFAULTS.baselineMonths + 1 }, (_, index) => monthAt(query.month, index - MONTHLY_PROBLEM_DEFAULTS.baselineMonths));
  const rows = await db.query<{ street_id: string | null; street_name: string | null; category_code: string | null; month: string; requests: number }>(PROBLEM_MONTH_COUNTS, [
    monthStart(months[0]!),
    monthStart(monthAt(query.month, 1)),
    query.streetId,
  ]);
  const problems = new Map<string, { streetId: string | null; streetName: string | null; categoryCode: string | null; counts: number[] }>();
  for (const row of rows) {
    const key = JSON.stringify([row.street_id, row.category_code]);
    const problem = problems.get(key) ?? { streetId: row.street_id, streetName: null, categoryCode: row.category_code, counts: months.map(() => 0) };
    problem.counts[months.indexOf(row.month)]! += row.requests;
    problem.streetName ??= row.street_name;
    problems.set(key, problem);
  }
  return monthlyProblemRanking([...problems.values()], query.minRequests)
    .slice(0, query.first)
    .map((problem) => ({ ...problem, month: query.month }));
}
