import type { Sql } from '@huying/runtime';
import { CITY_TIME_ZONE } from '@huying/schema';

export type EvaluationGrouping = 'DEPARTMENT' | 'STREET' | 'COMMUNITY';
export type RollupPeriod = 'MONTH' | 'QUARTER' | 'YEAR';

export interface EvaluationRollupRow {
  key: string | null;
  name: string | null;
  /** `2026-03`, `2026-Q1` or `2026`, in Beijing time. */
  period: string;
  evaluations: number;
  averageScore: number;
  averageStars: number;
  satisfied: number;
  satisfactionRate: number;
}

const KEY_COLUMNS: Record<EvaluationGrouping, { key: string; name: string }> = {
  DEPARTMENT: { key: 'department_id', name: 'max(department_name)' },
  STREET: { key: 'street_id', name: 'NULL' },
  COMMUNITY: { key: 'community_id', name: 'NULL' },
};
const PERIOD_LABELS: Record<RollupPeriod, { unit: string; format: string }> = {
  MONTH: { unit: 'month', format: 'YYYY-MM' },
  QUARTER: { unit: 'quarter', format: 'YYYY-"Q"Q' },
  YEAR: { unit: 'year', format: 'YYYY' },
};

/**
 * Evaluations rolled up by department or area and by month, quarter or year (Beijing calendar),
 * over evaluations made in [from, to). Every round's evaluation counts: a reopened case was rated twice.
 */
export async function evaluationRollup(
  db: Sql,
  query: { groupBy: EvaluationGrouping; period: RollupPeriod; from: Date; to: Date; raterKind: 'CITIZEN' | 'STREET' },
): Promise<EvaluationRollupRow[]> {
  const column = KEY_COLUMNS[query.groupBy];
  const period = PERIOD_LABELS[query.period];
  const rows = await db.query<{ key: string | null; name: string | null; period: string; evaluations: number; average_score: number; average_stars: number; satisfied: number }>(
    `SELECT ${column.key} AS key, ${column.name} AS name,
            to_char(date_trunc('${period.unit}', created_at AT TIME ZONE '${CITY_TIME_ZONE}'), '${period.format}') AS period,
            count(*)::int AS evaluations, round(avg(score), 2)::float8 AS average_score, round(avg(stars), 2)::float8 AS average_stars,
            count(*) FILTER (WHERE satisfied)::int AS satisfied
       FROM feedback.evaluation
      WHERE created_at >= $1 AND created_at < $2 AND rater_kind = $3
      GROUP BY 1, 3 ORDER BY 3, 1 NULLS LAST`,
    [query.from, query.to, query.raterKind],
  );
  return rows.map((row) => ({
    key: row.key,
    name: row.name,
    period: row.period,
    evaluations: row.evaluations,
    averageScore: row.average_score,
    averageStars: row.average_stars,
    satisfied: row.satisfied,
    satisfactionRate: row.satisfied / row.evaluations,
  }));
}
