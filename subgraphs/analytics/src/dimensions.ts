import { CITY_TIME_ZONE } from '@huying/schema';

/** What KPI rows can be grouped by: an organisation or area, a category or channel, a calendar period. */
export const KPI_DIMENSIONS = ['DEPARTMENT', 'STREET', 'COMMUNITY', 'CATEGORY', 'CHANNEL', 'DAY', 'WEEK', 'MONTH', 'QUARTER', 'YEAR'] as const;
export type KpiDimension = (typeof KPI_DIMENSIONS)[number];

const local = `(created_at AT TIME ZONE '${CITY_TIME_ZONE}')`;

/** Each dimension's key as SQL over analytics.case_fact; periods are Beijing calendar periods. */
export const DIMENSION_KEYS: Record<KpiDimension, string> = {
  DEPARTMENT: 'department_id',
  STREET: 'street_id',
  COMMUNITY: 'community_id',
  CATEGORY: 'category_code',
  CHANNEL: 'channel',
  DAY: `to_char(${local}, 'YYYY-MM-DD')`,
  // ISO weeks: 2026-W09
  WEEK: `to_char(${local}, 'IYYY-"W"IW')`,
  MONTH: `to_char(${local}, 'YYYY-MM')`,
  QUARTER: `to_char(${local}, 'YYYY-"Q"Q')`,
  YEAR: `to_char(${local}, 'YYYY')`,
};

export type TrendInterval = 'DAY' | 'WEEK' | 'MONTH';
export type TrendDimension = 'CATEGORY' | 'STREET' | 'COMMUNITY' | 'CHANNEL';
