import type { Database } from '@huying/runtime';
import { COUNT_BURST_DEFAULTS } from './countBurst';
import { AT_ONE_PLACE, oneAlertPerBurst, placeProblemAlerts, problemShareAlerts, repeatedCaseFindings, type EmergingAlert, type PlaceProblemSeries, type PlacedCaseReports } from './emergingAlerts';
import type { CaseOpenings } from './repeatedCases';
import { NEW_PROBLEM_DEFAULTS, newProblemAlerts, type NewProblemAlert, type PoorlyPlacedRequest } from './newProblems';
import {
  ALERT_CASES,
  CASE_OPENINGS,
  FILE_ALERT,
  FIRST_REQUEST_DAY,
  PLACE_PROBLEM_COUNTS,
  POORLY_PLACED_REQUESTS,
  PROBLEM_COUNTS,
  REPEATED_CASE_REPORTS,
  SAME_BURST,
  SAME_NEW_PROBLEM,
} from './alertStatements';
import { beijingDay, dayDate, dateDay } from '../beijingDays';

/**
 * How many days each scan reads, ending yesterday. The baselines forget a day's weight by 2/29 a day, so
 * after 180 days where a series started no longer shows (under 1e-5): a scan finds what one over all of
 * history would, and a replay of history finds the alerts living through it did.
 */
export const ALERT_LOOKBACK_DAYS = 180;

/** An alert holds at most this many cases (the newest): a city-wide type can hold thousands. */
const CASES_PER_ALERT = 200;

export interface AlertScan {
  /** Place × problem series read. */
  series: number;
  raised: number;
  grown: number;
}

/**
 * 未诉先办: reads the requests per place × problem and per problem type, and those the category tree
 * places poorly, of the last `ALERT_LOOKBACK_DAYS` whole Beijing days before `now` (or since the first
 * request, if later), runs the four detectors and files what they find: a new alert, or the one
 * already filed grown. Each day is judged only once it has passed, on what came before it; running it twice,
 * or on two replicas at once, files the same rows.
 */
export async function scanForAlerts(db: Database, now: Date, lookbackDays = ALERT_LOOKBACK_DAYS): Promise<AlertScan> {
  const lastDay = beijingDay(now) - 1;
  // A series starts where the city's records do: the days before are unknown, not quiet.
  const [first] = await db.query<{ day: string | null }>(FIRST_REQUEST_DAY);
  if (!first?.day) return { series: 0, raised: 0, grown: 0 };
  const firstDay = Math.max(lastDay - lookbackDays + 1, dateDay(first.day));
  if (firstDay > lastDay) return { series: 0, raised: 0, grown: 0 };
  const [from, to] = [dayDate(firstDay), dayDate(lastDay)];
  const length = lastDay - firstDay + 1;

  const series = new Map<string, PlaceProblemSeries & { counts: number[] }>();
  for (const row of await db.query<{ place: string; place_name: string | null; category_code: string; day: number; reports: number }>(PLACE_PROBLEM_COUNTS, [from, to])) {
    const key = `${row.place}\u0000${row.category_code}`;
    let one = series.get(key);
    if (!one) series.set(key, (one = { place: row.place, placeName: row.place_name, categoryCode: row.category_code, counts: new Array<number>(length).fill(0) }));
    one.counts[row.day] = row.reports;
    one.placeName ??= row.place_name;
  }
  const totals = new Array<number>(length).fill(0);
  const byCategory: Record<string, number[]> = {};
  for (const row of await db.query<{ category_code: string; day: number; reports: number }>(PROBLEM_COUNTS, [from, to])) {
    (byCategory[row.category_code] ??= new Array<number>(length).fill(0))[row.day] = row.reports;
    totals[row.day]! += row.reports;
  }

  const repeatedCases: PlacedCaseReports[] = (
    await db.query<{ case_id: string; channel: string; place: string; place_name: string | null; category_code: string; days: number[] }>(REPEATED_CASE_REPORTS, [from, to])
  ).map((row) => ({ caseId: row.case_id, channel: row.channel, categoryCode: row.category_code, reportDays: row.days.map(Number), place: row.place, placeName: row.place_name }));
  const openings = new Map<string, CaseOpenings & { counts: number[] }>();
  for (const row of await db.query<{ category_code: string; channel: string; day: number; cases: number }>(CASE_OPENINGS, [from, to])) {
    const key = `${row.category_code}\u0000${row.channel}`;
    let one = openings.get(key);
    if (!one) openings.set(key, (one = { categoryCode: row.category_code, channel: row.channel, counts: new Array<number>(length).fill(0) }));
    one.counts[row.day] = row.cases;
  }

  const poorlyPlaced = await db.query<{ case_id: string; title: string; day: number }>(POORLY_PLACED_REQUESTS, [from, to, NEW_PROBLEM_DEFAULTS.placedFrom]);
  const requests: PoorlyPlacedRequest[] = poorlyPlaced.map((row) => ({ day: row.day, caseId: row.case_id, title: row.title }));

  // Every detector that counts requests reads them against the city's volume: a channel onboarded, or a
  // campaign, brings more everywhere and is not a burst anywhere.
  // A case reported again and again is read through each channel apart (a channel reporting every case again
  // is not every case growing); what it and its place's count find about one place is one alert.
  const found = oneAlertPerBurst([
    ...placeProblemAlerts([...series.values()], COUNT_BURST_DEFAULTS, totals),
    ...repeatedCaseFindings(repeatedCases, [...openings.values()], length),
    ...problemShareAlerts(totals, byCategory),
    ...newProblemAlerts(requests, length, NEW_PROBLEM_DEFAULTS, totals),
  ]);
  let raised = 0;
  let grown = 0;
  for (const alert of found) {
    const filed = await fileAlert(db, alert, firstDay, now);
    if (filed === 'raised') raised += 1;
    if (filed === 'grown') grown += 1;
  }
  return { series: series.size, raised, grown };
}

/** The alert's id: what it is about and the day it opened, so every scan names it alike. */
export function alertId(alert: Pick<EmergingAlert, 'detector' | 'place' | 'categoryCode'>, openedOn: string): string {
  return `${alert.detector}:${alert.place ?? 'city'}:${alert.categoryCode}:${openedOn}`;
}

async function fileAlert(db: Database, alert: EmergingAlert | NewProblemAlert, firstDay: number, now: Date): Promise<'raised' | 'grown' | 'unchanged'> {
  const openedOn = dayDate(firstDay + alert.openedDay);
  const windowStart = dayDate(firstDay + alert.openedDay - COUNT_BURST_DEFAULTS.windowDays + 1);
  const lastUnusualOn = dayDate(firstDay + alert.lastUnusualDay);
  const closedOn = alert.closedDay === null ? null : dayDate(firstDay + alert.closedDay);
  // A new problem's group knows its cases, and its alert is the one holding any of them; the other detectors'
  // cases are those of their place and category, and their alert the one about the same.
  let caseIds: string[];
  let filedBefore: { alert_id: string } | undefined;
  if ('caseIds' in alert) {
    caseIds = alert.caseIds.slice(-CASES_PER_ALERT).reverse();
    [filedBefore] = await db.query<{ alert_id: string }>(SAME_NEW_PROBLEM, [caseIds, openedOn, closedOn ?? lastUnusualOn]);
  } else {
    const atPlace = (await db.query<{ case_id: string }>(ALERT_CASES, [alert.place, alert.categoryCode, windowStart, lastUnusualOn, CASES_PER_ALERT])).map((row) => row.case_id);
    // a case found reported again and again comes first, whatever else its place holds
    caseIds = [...new Set([...(alert.repeatedCaseIds ?? []), ...atPlace])].slice(0, CASES_PER_ALERT);
    const detectors = AT_ONE_PLACE.includes(alert.detector) ? AT_ONE_PLACE : [alert.detector];
    [filedBefore] = await db.query<{ alert_id: string }>(SAME_BURST, [detectors, alert.place, alert.categoryCode, openedOn, closedOn ?? lastUnusualOn]);
  }
  const rows = await db.query<{ inserted: boolean }>(FILE_ALERT, [
    filedBefore?.alert_id ?? alertId(alert, openedOn),
    alert.detector,
    alert.place,
    alert.placeName,
    alert.categoryCode,
    openedOn,
    lastUnusualOn,
    closedOn,
    alert.count,
    alert.observed,
    alert.expected,
    alert.pValue,
    caseIds,
    now,
  ]);
  return rows.length === 0 ? 'unchanged' : rows[0]!.inserted ? 'raised' : 'grown';
}
