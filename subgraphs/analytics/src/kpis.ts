import type { Sql } from '@huying/runtime';
import { DIMENSION_KEYS, type KpiDimension } from './dimensions';
import { COUNTED_CASE, KPI_COUNTS, kpiRates, type KpiCounts, type KpiRates } from './threeRates';

export interface KpiQuery {
  from: Date;
  to: Date;
  groupBy: readonly KpiDimension[];
  /** The time of the query: it decides which cases are past their deadline. */
  now: Date;
}

export interface KpiRow extends KpiCounts, KpiRates {
  /** The group's values joined with " / " (`S01 / 2026-03`); `全部` for the total row. */
  key: string;
  keys: (string | null)[];
  departmentName: string | null;
}

const COUNT_NAMES = Object.keys(KPI_COUNTS) as (keyof KpiCounts)[];

/** The 三率 (and SLA compliance, repeat-complaint rate) per group over cases opened in [from, to). */
export async function kpis(db: Sql, query: KpiQuery): Promise<KpiRow[]> {
  const dimensions = [...new Set(query.groupBy)];
  const keyColumns = dimensions.map((dimension, index) => `${DIMENSION_KEYS[dimension]} AS k${index}`);
  const counts = COUNT_NAMES.map((name) => `${KPI_COUNTS[name]}::int AS "${name}"`);
  const departmentName = dimensions.includes('DEPARTMENT') ? 'max(department_name)' : 'NULL';
  const grouping = dimensions.length ? `GROUP BY ${dimensions.map((_, index) => index + 1).join(', ')} ORDER BY ${dimensions.map((_, index) => `${index + 1} NULLS LAST`).join(', ')}` : '';
  const rows = await db.query<Record<string, unknown>>(
    `SELECT ${[...keyColumns, ...counts, `${departmentName} AS department_name`].join(', ')}
       FROM analytics.case_fact WHERE ${COUNTED_CASE} ${grouping}`,
    [query.from, query.to, query.now],
  );
  return rows
    .filter((row) => dimensions.length > 0 || Number(row.cases) > 0)
    .map((row) => {
      const keys = dimensions.map((_, index) => (row[`k${index}`] as string | null) ?? null);
      const countValues = Object.fromEntries(COUNT_NAMES.map((name) => [name, Number(row[name])])) as unknown as KpiCounts;
      return {
        key: keys.length ? keys.map((key) => key ?? '未知').join(' / ') : '全部',
        keys,
        departmentName: (row.department_name as string | null) ?? null,
        ...countValues,
        ...kpiRates(countValues),
      };
    });
}
