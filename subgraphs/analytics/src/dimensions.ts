/** What KPI rows can be grouped by: an organisation or area, a category or channel, a calendar period. */
export const KPI_DIMENSIONS = ['DEPARTMENT', 'STREET', 'COMMUNITY', 'CATEGORY', 'CHANNEL', 'DAY', 'WEEK', 'MONTH', 'QUARTER', 'YEAR'] as const;
export type KpiDimension = (typeof KPI_DIMENSIONS)[number];

/**
 * Each dimension's group as SQL over analytics.case_fact. Periods are Beijing calendar periods, grouped
 * by the stored Beijing day or month of `created_at` (migration 002) as a date: formatting happens once
 * per group (`PERIOD_FORMATS`), not once per row.
 */
export const DIMENSION_KEYS: Record<KpiDimension, string> = {
  DEPARTMENT: 'department_id',
  STREET: 'street_id',
  COMMUNITY: 'community_id',
  CATEGORY: 'category_code',
  CHANNEL: 'channel',
  DAY: 'created_day',
  WEEK: `date_trunc('week', created_day)::date`,
  MONTH: 'created_month',
  QUARTER: `date_trunc('quarter', created_month)::date`,
  YEAR: `date_trunc('year', created_month)::date`,
};

/** How a period's date reads as a key: 2026-03-02, 2026-W09 (ISO weeks), 2026-03, 2026-Q1, 2026. */
export const PERIOD_FORMATS: Partial<Record<KpiDimension, string>> = {
  DAY: 'YYYY-MM-DD',
  WEEK: 'IYYY-"W"IW',
  MONTH: 'YYYY-MM',
  QUARTER: 'YYYY-"Q"Q',
  YEAR: 'YYYY',
};

/** Each period's group as SQL over a Beijing date `created_day`: a fact's, or a day of analytics.case_rollup. */
export const PERIODS_OF_DAY: Partial<Record<KpiDimension, string>> = {
  DAY: 'created_day',
  WEEK: `date_trunc('week', created_day)::date`,
  MONTH: `date_trunc('month', created_day)::date`,
  QUARTER: `date_trunc('quarter', created_day)::date`,
  YEAR: `date_trunc('year', created_day)::date`,
};

/** The calendar periods: the dimensions made of days. */
export const PERIOD_DIMENSIONS: ReadonlySet<KpiDimension> = new Set(Object.keys(PERIODS_OF_DAY) as KpiDimension[]);

/** The case_fact columns of the dimensions that are not periods: the group's value and its stored name. */
export const DIMENSION_COLUMNS: Partial<Record<KpiDimension, { key: string; name: string }>> = {
  DEPARTMENT: { key: 'department_id', name: 'department_name' },
  STREET: { key: 'street_id', name: 'street_name' },
  COMMUNITY: { key: 'community_id', name: 'community_name' },
  CATEGORY: { key: 'category_code', name: 'NULL::text' },
  CHANNEL: { key: 'channel', name: 'NULL::text' },
};

/** The name of an area or department group, as an aggregate over its rows (every row of a group has the same one). */
export const DIMENSION_NAMES: Partial<Record<KpiDimension, string>> = {
  DEPARTMENT: 'max(department_name)',
  STREET: 'max(street_name)',
  COMMUNITY: 'max(community_name)',
};

export type TrendInterval = 'DAY' | 'WEEK' | 'MONTH';
export type TrendDimension = 'CATEGORY' | 'STREET' | 'COMMUNITY' | 'CHANNEL';
