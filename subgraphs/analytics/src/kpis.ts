import type { Sql } from '@huying/runtime';
import { CHANNEL_NAMES, categoryByCode, type Channel } from '@huying/schema';
import { DIMENSION_KEYS, DIMENSION_NAMES, PERIOD_FORMATS, type KpiDimension } from './dimensions';
import { COUNTED_CASE, KPI_COUNTS, kpiRates, type KpiCounts, type KpiRates } from './threeRates';

export interface KpiQuery {
  from: Date;
  to: Date;
  groupBy: readonly KpiDimension[];
  /** The time of the query: it decides which cases are past their deadline. */
  now: Date;
}

export interface KpiRow extends KpiCounts, KpiRates {
  /** The group's values joined with " / " (`erqi / 2026-03`); `全部` for the total row. */
  key: string;
  keys: (string | null)[];
  /** What a person reads for the group (`二七街道 / 2026-03`): names of areas, departments, categories, channels. */
  label: string;
  labels: (string | null)[];
  departmentName: string | null;
}

const COUNT_NAMES = Object.keys(KPI_COUNTS) as (keyof KpiCounts)[];

/** The 三率 (and SLA compliance, repeat-complaint rate) per group over cases opened in [from, to). */
export async function kpis(db: Sql, query: KpiQuery): Promise<KpiRow[]> {
  const dimensions = [...new Set(query.groupBy)];
  // Group by the stored values, then format the (few) groups: a period's text is made once per group.
  const groupColumns = dimensions.map((dimension, index) => `${DIMENSION_KEYS[dimension]} AS g${index}`);
  const nameColumns = dimensions.map((dimension, index) => `${DIMENSION_NAMES[dimension] ?? 'NULL::text'} AS n${index}`);
  const counts = COUNT_NAMES.map((name) => `${KPI_COUNTS[name]}::int AS "${name}"`);
  const keyColumns = dimensions.map((dimension, index) => {
    const format = PERIOD_FORMATS[dimension];
    return format ? `to_char(g${index}, '${format}') AS k${index}` : `g${index} AS k${index}`;
  });
  const grouping = dimensions.length ? `GROUP BY ${dimensions.map((_, index) => `g${index}`).join(', ')}` : '';
  const ordering = dimensions.length ? `ORDER BY ${dimensions.map((_, index) => `g${index} NULLS LAST`).join(', ')}` : '';
  const rows = await db.query<Record<string, unknown>>(
    `SELECT ${[...keyColumns, ...dimensions.map((_, index) => `n${index}`), ...COUNT_NAMES.map((name) => `"${name}"`)].join(', ')}
       FROM (SELECT ${[...groupColumns, ...nameColumns, ...counts].join(', ')}
               FROM analytics.case_fact WHERE ${COUNTED_CASE} ${grouping}) AS grouped
      ${ordering}`,
    [query.from, query.to, query.now],
  );
  return rows
    .filter((row) => dimensions.length > 0 || Number(row.cases) > 0)
    .map((row) => {
      const keys = dimensions.map((_, index) => (row[`k${index}`] as string | null) ?? null);
      const labels = dimensions.map((dimension, index) => groupName(dimension, keys[index]!, (row[`n${index}`] as string | null) ?? null));
      const countValues = Object.fromEntries(COUNT_NAMES.map((name) => [name, Number(row[name])])) as unknown as KpiCounts;
      const departmentIndex = dimensions.indexOf('DEPARTMENT');
      return {
        key: keys.length ? keys.map((key) => key ?? '未知').join(' / ') : '全部',
        keys,
        label: labels.length ? labels.map((label, index) => label ?? keys[index] ?? '未知').join(' / ') : '全部',
        labels,
        departmentName: departmentIndex >= 0 ? labels[departmentIndex]! : null,
        ...countValues,
        ...kpiRates(countValues),
      };
    });
}

/** A group value's name: from the read model for areas and departments, from the taxonomy for categories and channels. */
function groupName(dimension: KpiDimension, key: string | null, storedName: string | null): string | null {
  if (key === null) return null;
  if (dimension === 'CATEGORY') return categoryByCode(key)?.name ?? key;
  if (dimension === 'CHANNEL') return CHANNEL_NAMES[key as Channel] ?? key;
  if (dimension in DIMENSION_NAMES) return storedName ?? key;
  return key;
}
