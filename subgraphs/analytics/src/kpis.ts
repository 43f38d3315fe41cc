import type { Sql } from '@huying/runtime';
import { CHANNEL_NAMES, categoryByCode, type Channel } from '@huying/schema';
import { ROLLUP_COUNTS, daySpan, pastDeadlineSplit, rollupGrain, type RollupGrain } from './caseRollup';
import { DIMENSION_COLUMNS, DIMENSION_KEYS, DIMENSION_NAMES, PERIOD_DIMENSIONS, PERIOD_FORMATS, PERIODS_OF_DAY, type KpiDimension } from './dimensions';
import { COUNTED_CASE, KPI_CONDITIONS, KPI_COUNTS, kpiRates, type KpiCounts, type KpiRates } from './threeRates';

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

const COUNT_NAMES = Object.keys(KPI_CONDITIONS) as (keyof KpiCounts)[];

/** The 三率 (and SLA compliance, repeat-complaint rate) per group over cases opened in [from, to). */
export async function kpis(db: Sql, query: KpiQuery): Promise<KpiRow[]> {
  const dimensions = [...new Set(query.groupBy)];
  const grain = rollupGrain(dimensions);
  return kpiRows(dimensions, grain ? await groupsFromRollup(db, query, dimensions, grain) : await groupsFromFacts(db, query, dimensions));
}

/** The same answer read from every fact of the period, whatever the grouping: what the rollup's answer must equal. */
export async function kpisFromFacts(db: Sql, query: KpiQuery): Promise<KpiRow[]> {
  const dimensions = [...new Set(query.groupBy)];
  return kpiRows(dimensions, await groupsFromFacts(db, query, dimensions));
}

function kpiRows(dimensions: readonly KpiDimension[], rows: Record<string, unknown>[]): KpiRow[] {
  return rows
    .filter((row) => dimensions.length > 0 || Number(row.cases) > 0)
    .map((row) => {
      const keys = dimensions.map((_, index) => (row[`k${index}`] as string | null) ?? null);
      const labels = dimensions.map((dimension, index) => groupName(dimension, keys[index]!, (row[`n${index}`] as string | null) ?? null));
      const countValues = Object.fromEntries(COUNT_NAMES.map((name) => [name, Number(row[name] ?? 0)])) as unknown as KpiCounts;
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

/** A group's value as the key a person reads: a period's date formatted (once per group, not per row). */
const keyColumns = (dimensions: readonly KpiDimension[]) =>
  dimensions.map((dimension, index) => {
    const format = PERIOD_FORMATS[dimension];
    return format ? `to_char(g${index}, '${format}') AS k${index}` : `g${index} AS k${index}`;
  });
const ordering = (dimensions: readonly KpiDimension[]) => (dimensions.length ? `ORDER BY ${dimensions.map((_, index) => `g${index} NULLS LAST`).join(', ')}` : '');
const grouping = (dimensions: readonly KpiDimension[]) => (dimensions.length ? `GROUP BY ${dimensions.map((_, index) => `g${index}`).join(', ')}` : '');

/** Any grouping, from every counted fact of the period: what crosses two dimensions (street × category). */
function groupsFromFacts(db: Sql, query: KpiQuery, dimensions: readonly KpiDimension[]): Promise<Record<string, unknown>[]> {
  const groupColumns = dimensions.map((dimension, index) => `${DIMENSION_KEYS[dimension]} AS g${index}`);
  const nameColumns = dimensions.map((dimension, index) => `${DIMENSION_NAMES[dimension] ?? 'NULL::text'} AS n${index}`);
  const counts = COUNT_NAMES.map((name) => `${KPI_COUNTS[name]}::int AS "${name}"`);
  return db.query<Record<string, unknown>>(
    `SELECT ${[...keyColumns(dimensions), ...dimensions.map((_, index) => `n${index}`), ...COUNT_NAMES.map((name) => `"${name}"`)].join(', ')}
       FROM (SELECT ${[...groupColumns, ...nameColumns, ...counts].join(', ')}
               FROM analytics.case_fact WHERE ${COUNTED_CASE} ${grouping(dimensions)}) AS grouped
      ${ordering(dimensions)}`,
    [query.from, query.to, query.now],
  );
}

/**
 * Periods and at most one other dimension: the period's whole days from analytics.case_rollup, its
 * partial first and last days from the facts, and the cases of those whole days still open past their
 * deadline at the time of the query (SLA-judged): due before today from analytics.case_open_deadline,
 * due earlier today from the facts.
 */
function groupsFromRollup(db: Sql, query: KpiQuery, dimensions: readonly KpiDimension[], grain: RollupGrain): Promise<Record<string, unknown>[]> {
  const other = dimensions.find((dimension) => !PERIOD_DIMENSIONS.has(dimension));
  const column = other ? DIMENSION_COLUMNS[other]! : { key: 'NULL::text', name: 'NULL::text' };
  const groupColumns = dimensions.map((dimension, index) => `${PERIODS_OF_DAY[dimension] ?? 'key'} AS g${index}`);
  const nameColumns = dimensions.map((dimension, index) => `${PERIOD_DIMENSIONS.has(dimension) ? 'NULL::text' : 'max(name)'} AS n${index}`);
  const sums = COUNT_NAMES.map((name) => `sum("${name}")::int AS "${name}"`);
  const stored = COUNT_NAMES.map((name) => `${ROLLUP_COUNTS[name]} AS "${name}"`);
  const ofFact = COUNT_NAMES.map((name) => `(${KPI_CONDITIONS[name]})::int AS "${name}"`);
  // open past the deadline: SLA-judged and counted in nothing else
  const pastDeadline = (judged: string) => COUNT_NAMES.map((name) => `${name === 'slaJudged' ? judged : 0} AS "${name}"`).join(', ');
  const span = daySpan(query.from, query.to);
  const due = pastDeadlineSplit(query.now);
  return db.query<Record<string, unknown>>(
    `SELECT ${[...keyColumns(dimensions), ...dimensions.map((_, index) => `n${index}`), ...COUNT_NAMES.map((name) => `"${name}"`)].join(', ')}
       FROM (SELECT ${[...groupColumns, ...nameColumns, ...sums].join(', ')}
               FROM (SELECT created_day, key, name, ${stored.join(', ')}
                       FROM analytics.case_rollup WHERE grain = $4 AND created_day >= $5::date AND created_day < $6::date
                     UNION ALL
                     SELECT created_day, ${column.key}, ${column.name}, ${ofFact.join(', ')}
                       FROM analytics.case_fact
                      WHERE merged_into IS NULL AND ((created_at >= $1 AND created_at < $7) OR (created_at >= $8 AND created_at < $2))
                     UNION ALL
                     SELECT created_day, key, NULL::text, ${pastDeadline('open')}
                       FROM analytics.case_open_deadline WHERE grain = $4 AND created_day >= $5::date AND created_day < $6::date AND deadline_day < $11::date
                     UNION ALL
                     SELECT created_day, ${column.key}, ${column.name}, ${pastDeadline('1')}
                       FROM analytics.case_fact
                      WHERE merged_into IS NULL AND NOT resolved AND deadline_at >= $12 AND deadline_at < $3 AND created_at >= $9 AND created_at < $10) AS counted
              ${grouping(dimensions)}) AS grouped
      WHERE "cases" > 0
      ${ordering(dimensions)}`,
    [query.from, query.to, query.now, grain, span.firstDay, span.endDay, span.before[1], span.after[0], span.daysFrom, span.daysTo, due.today, due.todayStarts],
  );
}

/** A group value's name: from the read model for areas and departments, from the taxonomy for categories and channels. */
function groupName(dimension: KpiDimension, key: string | null, storedName: string | null): string | null {
  if (key === null) return null;
  if (dimension === 'CATEGORY') return categoryByCode(key)?.name ?? key;
  if (dimension === 'CHANNEL') return CHANNEL_NAMES[key as Channel] ?? key;
  if (dimension in DIMENSION_NAMES) return storedName ?? key;
  return key;
}
