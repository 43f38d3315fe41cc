import { beijingDay, dayDate, dayStart } from './beijingDays';
import { PERIOD_DIMENSIONS, type KpiDimension } from './dimensions';
import type { KpiCounts } from './threeRates';

/** What analytics.case_rollup (migration 007) sums the counted cases by, besides their Beijing day. */
export type RollupGrain = 'ALL' | 'STREET' | 'COMMUNITY' | 'CATEGORY' | 'CHANNEL' | 'DEPARTMENT';

/**
 * The rollup grain that answers a grouping: periods (all made of days) and at most one other dimension.
 * Null when the grouping crosses two (street × category): only the facts hold that.
 */
export function rollupGrain(dimensions: readonly KpiDimension[]): RollupGrain | null {
  const others = [...new Set(dimensions)].filter((dimension) => !PERIOD_DIMENSIONS.has(dimension));
  if (others.length > 1) return null;
  return (others[0] as Exclude<RollupGrain, 'ALL'> | undefined) ?? 'ALL';
}

/**
 * A period [from, to) split where the rollup can answer: the whole Beijing days in it, and the parts
 * before and after them that only the facts can (a period from 10:00 starts with 14 hours of facts).
 * A period holding no whole day is all `before`.
 */
export interface DaySpan {
  /** The whole days [firstDay, endDay), as dates; none when firstDay = endDay. */
  firstDay: string;
  endDay: string;
  /** The instants [firstDay's midnight, endDay's midnight): the open cases past their deadline are read from the facts there. */
  daysFrom: Date;
  daysTo: Date;
  before: readonly [Date, Date];
  after: readonly [Date, Date];
}

export function daySpan(from: Date, to: Date): DaySpan {
  const first = beijingDay(new Date(from.getTime() - 1)) + 1; // the first midnight at or after `from`
  const end = beijingDay(to); // the last midnight at or before `to`
  if (first >= end) return { firstDay: dayDate(first), endDay: dayDate(first), daysFrom: to, daysTo: to, before: [from, to], after: [to, to] };
  return { firstDay: dayDate(first), endDay: dayDate(end), daysFrom: dayStart(first), daysTo: dayStart(end), before: [from, dayStart(first)], after: [dayStart(end), to] };
}

/**
 * Where the open cases past their deadline at `now` are read: those due on a Beijing day before today
 * from analytics.case_open_deadline, those due today (before `now`) from the facts.
 */
export function pastDeadlineSplit(now: Date): { today: string; todayStarts: Date } {
  const today = beijingDay(now);
  return { today: dayDate(today), todayStarts: dayStart(today) };
}

/** Each count's column in analytics.case_rollup; SLA-judged holds only the resolved cases that had a deadline. */
export const ROLLUP_COUNTS: Record<keyof KpiCounts, string> = {
  cases: 'cases',
  respondedOnTime: 'responded_on_time',
  resolved: 'resolved',
  evaluated: 'evaluated',
  satisfied: 'satisfied',
  slaJudged: 'deadline_resolved',
  slaMet: 'sla_met',
  repeated: 'repeated',
};
