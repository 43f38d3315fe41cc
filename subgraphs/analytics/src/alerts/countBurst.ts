import incrEwmean from '@stdlib/stats-incr-ewmean';
import negativeBinomialCdf from '@stdlib/stats-base-dists-negative-binomial-cdf';
import poissonCdf from '@stdlib/stats-base-dists-poisson-cdf';

/**
 * The place × problem detector: one series of daily counts (requests about one river, one cell × category,
 * one case) against its own history, as public-health surveillance runs on sparse daily counts (the CDC's
 * EARS C-family and its EWMA cousins): the expected count is an exponentially weighted mean of the days up to
 * `gapDays` before the day tested, so a growing problem does not hide in its own baseline at once; the day is
 * unusual when the count of the last `windowDays` days is improbable for a Poisson of that mean.
 */
export interface CountBurstOptions {
  /** The baseline's memory: the weight of a new day is 2 / (baselineDays + 1). */
  baselineDays: number;
  /** Days between the baseline and the day tested (the last `gapDays` days do not feed the baseline yet). */
  gapDays: number;
  /** Days summed for the test (a burst spread over a few days counts whole). */
  windowDays: number;
  /** The tail probability under which a count is unusual. */
  alpha: number;
  /** Fewer requests than this in the window never alert, however quiet the series was. */
  minCount: number;
  /** A series with less history than this many days says nothing yet. */
  warmupDays: number;
  /** The smallest daily rate a baseline is given (a river nobody wrote about is not infinitely quiet). */
  floorPerDay: number;
  /** An alert stays open (and grows) until the window's count is back under the threshold this many days. */
  quietDays: number;
  /**
   * How many requests of the rest of the city a change in its volume must be seen in before it moves the
   * expected count: the volume factor is (rest's window + this) / (rest's expected + this), so a city of a
   * few requests a day barely moves it and one of thousands follows a new channel at once.
   */
  volumePrior: number;
}

/**
 * A week's window with the baseline a week behind it, chosen by `npm run bench:alerts` on Fuzhou's river
 * complaints: 10 of 12 reference events alerted by their reference day (3 days and 2 days: 8), median 3 days
 * ahead (injected bursts: 4), 0.13 false alarms a week over the city's rivers, at most 0.15 a month on a chronic
 * river. A burst that builds over a week or two (night works, a site's mud) is summed whole, and its first days
 * never enter the baseline they are tested against. The tail, 0.002, was chosen on bursts injected into
 * Chicago's mix of ~500 m cells × request types (0.001: 75 % alerted by their 10th request's day; 0.002: 80 %;
 * 0.003: 85 %), where Fuzhou's figures do not move and a doubled channel raises no more than at 0.001;
 * false alarms there grow with it (0.16, 0.24, 0.32 a week per community area).
 */
export const COUNT_BURST_DEFAULTS: CountBurstOptions = {
  baselineDays: 28,
  gapDays: 7,
  windowDays: 7,
  alpha: 0.002,
  minCount: 3,
  warmupDays: 28,
  floorPerDay: 1 / 60,
  quietDays: 14,
  volumePrior: 30,
};

/** One day of one series as the detector saw it. */
export interface CountBurstDay {
  day: number;
  count: number;
  windowCount: number;
  expected: number;
  /** P(X ≥ windowCount) for a Poisson of `expected`. */
  pValue: number;
  unusual: boolean;
}

/** An alert on one series: when it opened, how big it has grown, and whether it is still open. */
export interface CountBurstAlert {
  openedDay: number;
  lastUnusualDay: number;
  closedDay: number | null;
  /** Requests in the series from the window before the alert opened to its last unusual day. */
  count: number;
  /** The expected count of the window the day it opened, and that window's count. */
  expected: number;
  observed: number;
  pValue: number;
}

/**
 * Runs day by day over one series (index = day, value = count), seeing each day only once it has passed:
 * the same answer live as on a replay. An alert follows its burst while it grows instead of firing again.
 *
 * With the city's requests per day (`city`, this series' among them), the expected count grows with the rest
 * of the city's volume against that volume's own baseline, lagged alike: a channel onboarded or a campaign
 * that brings more requests everywhere is not a burst at every place, while one place growing past the rest
 * still is (its own requests are not in the rest). A quieter city never makes a place more unusual.
 */
export function countBursts(counts: readonly number[], options: CountBurstOptions = COUNT_BURST_DEFAULTS, city?: readonly number[]): { days: CountBurstDay[]; alerts: CountBurstAlert[] } {
  // α, the weight of a new day in both baselines.
  const weight = 2 / (options.baselineDays + 1);
  const baseline = incrEwmean(weight);
  const restBaseline = incrEwmean(weight);
  let restVariance = 0;
  const rest = (day: number) => (city ? Math.max(0, (city[day] ?? 0) - counts[day]!) : 0);
  const days: CountBurstDay[] = [];
  const alerts: CountBurstAlert[] = [];
  let open: CountBurstAlert | null = null;
  let quiet = 0;
  let windowCount = 0;
  let restWindow = 0;
  for (let day = 0; day < counts.length; day++) {
    // The day `gapDays` before this one joins the baselines now.
    const fed = day - options.gapDays - 1;
    if (fed >= 0) {
      // The rest's baseline's sampling variance, had each day been a Poisson of what it counted: the first
      // day weighs 1, then each new day α and the older ones (1 − α) more.
      restVariance = fed === 0 ? rest(0) : (1 - weight) ** 2 * restVariance + weight ** 2 * rest(fed);
      baseline(counts[fed]!);
      restBaseline(rest(fed));
    }
    windowCount += counts[day]!;
    restWindow += rest(day);
    if (day >= options.windowDays) {
      windowCount -= counts[day - options.windowDays]!;
      restWindow -= rest(day - options.windowDays);
    }
    const windowDays = Math.min(options.windowDays, day + 1);
    const restRate = restBaseline();
    const volume = city && restRate !== null ? Math.max(1, (restWindow + options.volumePrior) / (restRate * windowDays + options.volumePrior)) : 1;
    const rate = Math.max(baseline() ?? 0, options.floorPerDay);
    const expected = rate * windowDays * volume;
    // The place's baseline is as sure, for its rate, as the rest's is for the rest's (the days it was learnt
    // from weigh alike): its variance is rate × restVariance / restRate. Had the city always brought what it
    // brings now, it would be that of an EWMA of the rate now: rate × volume × α / (2 − α).
    const unlearnt =
      volume > 1 && restRate ? windowDays ** 2 * rate * volume * (volume * (restVariance / restRate) - weight / (2 - weight)) : 0;
    const pValue = windowCount === 0 ? 1 : tailProbability(windowCount, expected, unlearnt);
    const unusual = day >= options.warmupDays && windowCount >= options.minCount && pValue < options.alpha;
    days.push({ day, count: counts[day]!, windowCount, expected, pValue, unusual });
    if (open) {
      open.count += counts[day]!;
      if (unusual) {
        open.lastUnusualDay = day;
        quiet = 0;
      } else if (++quiet >= options.quietDays) {
        open.closedDay = day;
        open = null;
      }
    } else if (unusual) {
      open = { openedDay: day, lastUnusualDay: day, closedDay: null, count: windowCount, expected, observed: windowCount, pValue };
      alerts.push(open);
      quiet = 0;
    }
  }
  return { days, alerts };
}

/**
 * P(X ≥ observed) for the window's count: a Poisson of `expected`, or, when the place's baseline is less
 * sure than it would be had the city always brought its present volume, a negative binomial of the same
 * mean whose variance is larger by that difference (`unlearnt`, in the window's count squared).
 */
function tailProbability(observed: number, expected: number, unlearnt: number): number {
  if (unlearnt <= 0) return 1 - poissonCdf(observed - 1, expected);
  const shape = (expected * expected) / unlearnt;
  return 1 - negativeBinomialCdf(observed - 1, shape, shape / (shape + expected));
}
