import { countBursts, COUNT_BURST_DEFAULTS, type CountBurstAlert, type CountBurstOptions } from './countBurst';
import { repeatedCaseAlerts, REPEATED_CASE_DEFAULTS, type CaseOpenings, type CaseReports, type RepeatedCaseOptions } from './repeatedCases';
import { typeShareAlerts, TYPE_SHARE_DEFAULTS, type TypeShareOptions } from './typeShare';

/** Which detector raised an alert. */
export type AlertDetector = 'PLACE_PROBLEM' | 'REPEATED_CASE' | 'PROBLEM_SHARE' | 'NEW_PROBLEM';

/** The detectors that find one problem at one place: what one finds first, the other's finding grows. */
export const AT_ONE_PLACE: readonly AlertDetector[] = ['PLACE_PROBLEM', 'REPEATED_CASE'];

/** Requests per day about one problem at one place (index 0 is the series' first day). */
export interface PlaceProblemSeries {
  place: string;
  placeName: string | null;
  categoryCode: string;
  counts: readonly number[];
}

/** What a detector found, in day numbers of the series (the scan turns them into dates). */
export interface EmergingAlert {
  detector: AlertDetector;
  /** The place of a place × problem alert; null for a city-wide problem type. */
  place: string | null;
  placeName: string | null;
  categoryCode: string;
  openedDay: number;
  lastUnusualDay: number;
  /** The day the alert closed (quiet long enough), or null while it may still grow. */
  closedDay: number | null;
  /** Requests from the window before it opened to its last unusual day. */
  count: number;
  /** The tested count the day it opened, what the baseline expected, and how improbable it was. */
  observed: number;
  expected: number;
  pValue: number;
  /** The cases found reported again and again (the per-case detector's), first among the alert's cases. */
  repeatedCaseIds?: string[];
}

/**
 * Alerts on each place × problem series against its own history and, given the city's requests per day
 * (`city`, every place and problem), the rest of the city's volume (`countBursts`).
 */
export function placeProblemAlerts(series: readonly PlaceProblemSeries[], options: CountBurstOptions = COUNT_BURST_DEFAULTS, city?: readonly number[]): EmergingAlert[] {
  return series.flatMap((one) =>
    countBursts(one.counts, options, city).alerts.map((alert) => burstAlert({ detector: 'PLACE_PROBLEM', place: one.place, placeName: one.placeName, categoryCode: one.categoryCode }, alert)),
  );
}

/** A case's reports through one channel, with its place and problem, for the per-case detector. */
export interface PlacedCaseReports extends CaseReports {
  place: string;
  placeName: string | null;
}

/**
 * Alerts on each case reported again and again through a channel past what its problem's cases are
 * (`repeatedCaseAlerts`), about the case's place and problem. `opened`: every case, by its first report
 * through each channel.
 */
export function repeatedCaseFindings(cases: readonly PlacedCaseReports[], opened: readonly CaseOpenings[], days: number, options: RepeatedCaseOptions = REPEATED_CASE_DEFAULTS): EmergingAlert[] {
  const unit = (one: { caseId: string; channel: string }) => `${one.caseId}\u0000${one.channel}`;
  const byUnit = new Map(cases.map((one) => [unit(one), one]));
  return repeatedCaseAlerts(cases, opened, days, options).map(({ caseId, channel, ...alert }) => {
    const { place, placeName, categoryCode } = byUnit.get(unit({ caseId, channel }))!;
    return { ...burstAlert({ detector: 'REPEATED_CASE', place, placeName, categoryCode }, alert), repeatedCaseIds: [caseId] };
  });
}

/**
 * One alert per burst at one place: the findings of the detectors `AT_ONE_PLACE` about the same place and
 * problem whose spans meet (two cases the duplicate filter kept apart, or a case and its place's count) are
 * one alert, named by the finding that opened first, spanning all of them, holding their repeated cases and
 * counting as the largest of them (a place's count holds its cases' reports: a sum would count them twice).
 * The others pass.
 */
export function oneAlertPerBurst<Alert extends EmergingAlert>(found: readonly Alert[]): Alert[] {
  const result: Alert[] = [];
  const latest = new Map<string, Alert>();
  const order = (alert: EmergingAlert) => AT_ONE_PLACE.indexOf(alert.detector);
  for (const alert of [...found].sort((a, b) => a.openedDay - b.openedDay || order(a) - order(b))) {
    if (!AT_ONE_PLACE.includes(alert.detector)) {
      result.push(alert);
      continue;
    }
    const key = `${alert.place}\u0000${alert.categoryCode}`;
    const current = latest.get(key);
    if (current && (current.closedDay === null || alert.openedDay <= current.closedDay)) {
      current.lastUnusualDay = Math.max(current.lastUnusualDay, alert.lastUnusualDay);
      current.closedDay = current.closedDay === null || alert.closedDay === null ? null : Math.max(current.closedDay, alert.closedDay);
      current.count = Math.max(current.count, alert.count);
      current.placeName ??= alert.placeName;
      if (alert.repeatedCaseIds) current.repeatedCaseIds = [...new Set([...(current.repeatedCaseIds ?? []), ...alert.repeatedCaseIds])];
      continue;
    }
    const own = { ...alert };
    latest.set(key, own);
    result.push(own);
  }
  return result;
}

/** A series' burst (`countBursts`) as the alert about what the series counts. */
export function burstAlert(about: Pick<EmergingAlert, 'detector' | 'place' | 'placeName' | 'categoryCode'>, burst: CountBurstAlert): EmergingAlert {
  const { openedDay, lastUnusualDay, closedDay, count, observed, expected, pValue } = burst;
  return { ...about, openedDay, lastUnusualDay, closedDay, count, observed, expected, pValue };
}

/**
 * Alerts on a problem type's share of all requests (`typeShareAlerts`), its unusual days joined into one
 * alert while they come within `quietDays` of each other: a type that stays high is one alert that grows,
 * not one a day.
 */
export function problemShareAlerts(
  totals: readonly number[],
  byCategory: Readonly<Record<string, readonly number[]>>,
  options: TypeShareOptions & { quietDays: number } = { ...TYPE_SHARE_DEFAULTS, quietDays: COUNT_BURST_DEFAULTS.quietDays },
): EmergingAlert[] {
  const alerts: EmergingAlert[] = [];
  const open = new Map<string, EmergingAlert>();
  for (const day of typeShareAlerts(totals, byCategory, options)) {
    const current = open.get(day.type);
    if (current && day.day - current.lastUnusualDay <= options.quietDays) {
      current.lastUnusualDay = day.day;
      current.count += day.count;
      continue;
    }
    if (current) current.closedDay = current.lastUnusualDay + options.quietDays;
    const alert: EmergingAlert = {
      detector: 'PROBLEM_SHARE',
      place: null,
      placeName: null,
      categoryCode: day.type,
      openedDay: day.day,
      lastUnusualDay: day.day,
      closedDay: null,
      count: day.count,
      observed: day.count,
      expected: day.expectedShare * day.total,
      pValue: day.pValue,
    };
    open.set(day.type, alert);
    alerts.push(alert);
  }
  const lastDay = totals.length - 1;
  for (const alert of open.values()) if (alert.closedDay === null && lastDay - alert.lastUnusualDay > options.quietDays) alert.closedDay = alert.lastUnusualDay + options.quietDays;
  return alerts;
}

/** How unusual, as a number that grows with it: −log10 of the tail probability, one decimal. */
export function alertScore(pValue: number): number {
  return Math.round(-Math.log10(Math.max(pValue, 1e-300)) * 10) / 10;
}

/** The detector's reason in words, for the command centre (Chinese, as the console). */
export function alertReason(alert: Pick<EmergingAlert, 'detector' | 'observed' | 'expected' | 'pValue' | 'count'>, names: { place: string | null; category: string }, windowDays = COUNT_BURST_DEFAULTS.windowDays): string {
  const expected = alert.expected < 0.1 ? alert.expected.toFixed(2) : alert.expected.toFixed(1);
  const p = alert.pValue.toExponential(1);
  if (alert.detector === 'PLACE_PROBLEM') {
    return `${names.place ?? '未知地点'}「${names.category}」近${windowDays}天${alert.observed}件，按其以往约${expected}件（p=${p}），累计${alert.count}件`;
  }
  if (alert.detector === 'REPEATED_CASE') {
    return `${names.place ?? '未知地点'}「${names.category}」同一诉求近${windowDays}天经同一渠道${alert.observed}次反映，同类诉求通常约${expected}次（p=${p}），累计${alert.count}件`;
  }
  if (alert.detector === 'NEW_PROBLEM') {
    return `不属任何已知类别的新问题「${names.place ?? ''}」近${windowDays}天${alert.observed}件相似诉求，按以往约${expected}件（p=${p}），累计${alert.count}件`;
  }
  return `全市「${names.category}」一天${alert.observed}件，按其以往占比约${expected}件（p=${p}），累计${alert.count}件`;
}
