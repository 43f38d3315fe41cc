import poissonCdf from '@stdlib/stats-base-dists-poisson-cdf';
import type { CountBurstAlert } from './countBurst';

/**
 * The per-case detector: one case (the duplicate filter's cluster: one problem at one place, in any words)
 * reported again and again through one channel, against how often cases of its category are. A burst about one manhole or one
 * night-time works site is one case growing: it stands out after a few reports, while the same reports spread
 * over a ~500 m cell's usual requests (the place × problem detector) need many more to. Chengdu 新都 pushes any
 * request repeated three or more times; this asks, in addition, whether that is unusual for the category (a
 * traffic signal out is reported by many drivers; a graffiti wall rarely twice).
 *
 * A case's size is its reports through the channel in the last `windowDays` days. The history is every case of
 * the category through the channel seen up to `gapDays` before the day tested, each with the largest size it
 * has had; the case is unusual when the share of that history at least as large, shrunk toward the category's
 * over every channel and that toward the whole city's (a category with little history borrows the city's), is
 * under `alpha`, and it is larger than the case itself has been before (a chronic problem reported at its usual
 * pace is not growing).
 */
export interface RepeatedCaseOptions {
  /** Days a case's reports are summed over. */
  windowDays: number;
  /** Days between the history and the day tested: a growing case is not judged against itself. */
  gapDays: number;
  alpha: number;
  /** Fewer reports than this in the window never alert (Chengdu's rule of three). */
  minCount: number;
  /** No alert before the history spans this many days. */
  warmupDays: number;
  /** An alert stays open (and grows) until its case has not been unusual this many days. */
  quietDays: number;
  /** How many cases a category's (and a category's through a channel) own history weighs as when shrunk. */
  cityPrior: number;
  /**
   * A channel whose other cases at least the tested one's size now are improbably many (under this tail, for a
   * Poisson of what its history expects of the cases it opened lately) is reporting everything more: no alert.
   */
  channelAlpha: number;
}

/**
 * A week's window with the history a week behind, as the place × problem detector; the tail and the rule of
 * three chosen by `npm run bench:alerts` (its `oneCaseBursts` part: bursts of one case in Chicago's and New York's mix).
 */
export const REPEATED_CASE_DEFAULTS: RepeatedCaseOptions = {
  windowDays: 7,
  gapDays: 7,
  alpha: 0.01,
  minCount: 3,
  warmupDays: 28,
  quietDays: 14,
  cityPrior: 200,
  channelAlpha: 0.001,
};

/** A case's reports through one channel, with their days (index days of the series, oldest first). */
export interface CaseReports {
  caseId: string;
  categoryCode: string;
  channel: string;
  reportDays: readonly number[];
}

/** Per category and channel, how many cases were first reported through the channel each day (index = day). */
export interface CaseOpenings {
  categoryCode: string;
  channel: string;
  counts: readonly number[];
}

export interface RepeatedCaseAlert extends CountBurstAlert {
  caseId: string;
  channel: string;
}

/** Largest size tracked apart; larger sizes count as this one (the tail beyond is never needed finer). */
const LARGEST = 64;

/**
 * Runs day by day over `days` days, seeing each day only once it has passed: the same answer live as on a
 * replay. `cases` need only hold the cases with two reports or more through a channel (a single report never
 * alerts, and counts in the history through `opened`, which holds all of them).
 *
 * A channel whose cases are all reported more than they were (a campaign that brings each caller's neighbours
 * too) moves every case's size at once: while the channel holds improbably many other cases of the tested one's
 * size for what its history expects (`channelAlpha`), the channel is what grew, and no case of it alerts.
 */
export function repeatedCaseAlerts(
  cases: readonly CaseReports[],
  opened: readonly CaseOpenings[],
  days: number,
  options: RepeatedCaseOptions = REPEATED_CASE_DEFAULTS,
): RepeatedCaseAlert[] {
  const reportsOn: number[][] = Array.from({ length: days }, () => []);
  cases.forEach((one, index) => {
    for (const day of one.reportDays) if (day >= 0 && day < days) reportsOn[day]!.push(index);
  });
  const sizeOn = (index: number, day: number) => windowSize(cases[index]!.reportDays, day, options.windowDays);
  // Per channel, the cases first reported through it up to each day (a running sum over its categories).
  const openedUpTo = new Map<string, number[]>();
  for (const one of opened) {
    const sums = openedUpTo.get(one.channel) ?? new Array<number>(days).fill(0);
    openedUpTo.set(one.channel, sums);
    for (let day = 0; day < days; day++) sums[day]! += one.counts[day] ?? 0;
  }
  for (const sums of openedUpTo.values()) for (let day = 1; day < days; day++) sums[day]! += sums[day - 1]!;
  const openedInWindow = (channel: string, day: number) => {
    const sums = openedUpTo.get(channel);
    return sums ? sums[day]! - (day >= options.windowDays ? sums[day - options.windowDays]! : 0) : 0;
  };

  const history = new SizeHistory();
  const largest = new Array<number>(cases.length).fill(0);
  const open = new Map<number, { alert: RepeatedCaseAlert; quiet: number }>();
  const alerts: RepeatedCaseAlert[] = [];
  for (let day = 0; day < days; day++) {
    // The day `gapDays` + 1 before this one joins the history now (the last `gapDays` days stay out of it).
    const fed = day - options.gapDays - 1;
    if (fed >= 0) {
      for (const one of opened) history.open(one.categoryCode, one.channel, one.counts[fed] ?? 0);
      for (const index of new Set(reportsOn[fed])) {
        const size = sizeOn(index, fed);
        if (size > largest[index]!) history.grow(cases[index]!, largest[index]!, size);
        largest[index] = Math.max(largest[index]!, size);
      }
    }
    let now: Map<string, number[]> | undefined;
    // The channel's other cases first reported in the window, this size now, against what its history expects of them.
    const channelGrew = (one: CaseReports, size: number) => {
      now ??= newCaseSizes(cases, reportsOn, day, options.windowDays, sizeOn);
      const others = (now.get(one.channel)?.[Math.min(size, LARGEST)] ?? 0) - (one.reportDays[0]! > day - options.windowDays ? 1 : 0);
      const expected = openedInWindow(one.channel, day) * history.channelTail(one.channel, size);
      return others > 0 && 1 - poissonCdf(others - 1, expected) < options.channelAlpha;
    };
    for (const index of new Set([...reportsOn[day]!, ...open.keys()])) {
      const one = cases[index]!;
      const size = sizeOn(index, day);
      // A case long reported at this size (a chronic river's) is at its own usual, not growing.
      const candidate = day >= options.warmupDays && size >= options.minCount && size > largest[index]!;
      const pValue = candidate ? history.tail(one.categoryCode, one.channel, size, options.cityPrior) : 1;
      const unusual = candidate && pValue < options.alpha && !channelGrew(one, size);
      const reportsToday = reportsOn[day]!.filter((other) => other === index).length;
      const current = open.get(index);
      if (current) {
        current.alert.count += reportsToday;
        if (unusual) {
          current.alert.lastUnusualDay = day;
          current.quiet = 0;
        } else if (++current.quiet >= options.quietDays) {
          current.alert.closedDay = day;
          open.delete(index);
        }
      } else if (unusual) {
        const alert: RepeatedCaseAlert = {
          caseId: one.caseId,
          channel: one.channel,
          openedDay: day,
          lastUnusualDay: day,
          closedDay: null,
          count: size,
          expected: history.expectedSize(one.categoryCode, one.channel, options.cityPrior),
          observed: size,
          pValue,
        };
        alerts.push(alert);
        open.set(index, { alert, quiet: 0 });
      }
    }
  }
  return alerts;
}

/**
 * Per channel, how many of the cases first reported through it in the window ending on `day` are at least each
 * size then (the cases `openedInWindow` counts: a chronic case at its usual pace is not the channel growing).
 */
function newCaseSizes(cases: readonly CaseReports[], reportsOn: readonly number[][], day: number, window: number, sizeOn: (index: number, day: number) => number): Map<string, number[]> {
  const opened = new Set<number>();
  for (let at = Math.max(0, day - window + 1); at <= day; at++) for (const index of reportsOn[at]!) if (cases[index]!.reportDays[0]! > day - window) opened.add(index);
  const atLeast = new Map<string, number[]>();
  for (const index of opened) sizes(atLeast, cases[index]!.channel)[Math.min(sizeOn(index, day), LARGEST)]! += 1;
  for (const counts of atLeast.values()) for (let size = LARGEST - 1; size >= 0; size--) counts[size]! += counts[size + 1]!;
  return atLeast;
}

/** Reports in the `window` days ending on `day` (the days ascending). */
function windowSize(reportDays: readonly number[], day: number, window: number): number {
  return upperBound(reportDays, day) - upperBound(reportDays, day - window);
}

/** How many of the ascending `values` are ≤ `value`. */
function upperBound(values: readonly number[], value: number): number {
  let [low, high] = [0, values.length];
  while (low < high) {
    const middle = (low + high) >> 1;
    if (values[middle]! <= value) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * Cases seen per category and channel, per category, per channel and in the whole city, and how many of each
 * have reached each size (2 and up; 1 is every case).
 */
class SizeHistory {
  private readonly cases = new Map<string, number>();
  private readonly reached = new Map<string, number[]>();
  private cityCases = 0;
  private readonly cityReached = new Array<number>(LARGEST + 1).fill(0);

  open(category: string, channel: string, count: number): void {
    if (count === 0) return;
    for (const subject of subjects(category, channel)) this.cases.set(subject, (this.cases.get(subject) ?? 0) + count);
    this.cityCases += count;
  }

  /** A case whose largest size went from `from` to `to`. */
  grow(one: CaseReports, from: number, to: number): void {
    const all = [...subjects(one.categoryCode, one.channel).map((subject) => sizes(this.reached, subject)), this.cityReached];
    for (let size = Math.max(2, from + 1); size <= Math.min(to, LARGEST); size++) for (const reached of all) reached[size]! += 1;
  }

  /**
   * The share of the category's cases through the channel that reached `size`, shrunk by `prior` cases toward
   * the category's over every channel, itself shrunk toward the city's; the city's counts the case tested as
   * one more (never zero: a size never seen is rare, not impossible). A channel that always reports a case
   * more than once (an inspector's rounds) is judged against itself, and does not blind the others.
   */
  tail(category: string, channel: string, size: number, prior: number): number {
    if (size <= 1) return 1;
    const at = Math.min(size, LARGEST);
    const city = (this.cityReached[at]! + 1) / (this.cityCases + 1);
    const [byCategory, byBoth] = subjects(category, channel);
    const shrunk = (subject: string, toward: number) => ((this.reached.get(subject)?.[at] ?? 0) + prior * toward) / ((this.cases.get(subject) ?? 0) + prior);
    return shrunk(byBoth!, shrunk(byCategory!, city));
  }

  /** The share of the channel's cases (every category) that reached `size`, counting one more that did (never zero). */
  channelTail(channel: string, size: number): number {
    if (size <= 1) return 1;
    const subject = `channel\u0000${channel}`;
    return ((this.reached.get(subject)?.[Math.min(size, LARGEST)] ?? 0) + 1) / ((this.cases.get(subject) ?? 0) + 1);
  }

  /** How many times a case of the category is usually reported through the channel (its mean largest size), for the reason in words. */
  expectedSize(category: string, channel: string, prior: number): number {
    let expected = 1;
    for (let size = 2; size <= LARGEST; size++) expected += this.tail(category, channel, size, prior);
    return expected;
  }
}

/** What a case is counted under: its category, its category through its channel, and its channel. */
function subjects(category: string, channel: string): string[] {
  return [`category\u0000${category}`, `both\u0000${category}\u0000${channel}`, `channel\u0000${channel}`];
}

function sizes(bySubject: Map<string, number[]>, subject: string): number[] {
  let reached = bySubject.get(subject);
  if (!reached) bySubject.set(subject, (reached = new Array<number>(LARGEST + 1).fill(0)));
  return reached;
}
