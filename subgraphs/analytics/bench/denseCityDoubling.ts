import poisson from '@stdlib/random-base-poisson';
import { COUNT_BURST_DEFAULTS, countBursts } from '../src/alerts/countBurst';
import { unexplainedOpenings } from './leadTime';

export interface DenseCityDoubling {
  places: number;
  days: number;
  onboardedDay: number;
  requestsPerDay: number;
  seeds: number;
  /**
   * Alerts opened from the onboarding on that the same city does not raise when the second channel was
   * always there (the same draws from that day), per run: as the hub runs the detector, and against a
   * place's own history alone.
   */
  placeProblemRaised: number;
  placeProblemOwnHistoryOnlyRaised: number;
  /** Alerts the always-there city raises from that day on, per run (the detector's own false alarms). */
  placeProblemAlwaysThere: number;
  /**
   * Of those, the ones the doubled city does not raise, per run: how far the two differ by chance alone
   * (their histories differ before the day), the floor under `placeProblemRaised`.
   */
  placeProblemAlwaysThereOnly: number;
}

/**
 * The doubling on a city at scale, which Fuzhou's sample (under one request a day) is too small to show:
 * `places` places (a place × problem each) whose daily rates spread log-uniformly from 0.05 to 20, one
 * channel from the first day, and from `onboardedDay` a second as big, every count a Poisson draw (seeded).
 */
export function measureDenseCityDoubling({ places = 300, days = 400, onboardedDay = 200, seeds = 10 } = {}): DenseCityDoubling {
  let raised = 0;
  let raisedOwnHistoryOnly = 0;
  let alwaysThere = 0;
  let alwaysThereOnly = 0;
  let requests = 0;
  for (let seed = 1; seed <= seeds; seed++) {
    const draw = poisson.factory({ seed });
    const rates = Array.from({ length: places }, (_, place) => 0.05 * Math.pow(400, place / (places - 1)));
    // Each place's requests per day from the first channel, and from the second (drawn for every day; the
    // doubled city counts them from the onboarding on, the always-there city from the first day).
    const first = rates.map((rate) => Array.from({ length: days }, () => draw(rate)));
    const second = rates.map((rate) => Array.from({ length: days }, () => draw(rate)));
    const step = first.map((counts, place) => counts.map((count, day) => count + (day >= onboardedDay ? second[place]![day]! : 0)));
    const always = first.map((counts, place) => counts.map((count, day) => count + second[place]![day]!));
    const cityOf = (series: number[][]) => Array.from({ length: days }, (_, day) => series.reduce((sum, counts) => sum + counts[day]!, 0));
    const [stepCity, alwaysCity] = [cityOf(step), cityOf(always)];
    requests += alwaysCity.reduce((sum, count) => sum + count, 0) / days;
    for (let place = 0; place < places; place++) {
      const opened = (alerts: { openedDay: number }[]) => alerts.map((alert) => alert.openedDay).filter((day) => day >= onboardedDay);
      const control = opened(countBursts(always[place]!, COUNT_BURST_DEFAULTS, alwaysCity).alerts);
      const doubled = opened(countBursts(step[place]!, COUNT_BURST_DEFAULTS, stepCity).alerts);
      raised += unexplainedOpenings(doubled, control);
      alwaysThereOnly += unexplainedOpenings(control, doubled);
      raisedOwnHistoryOnly += unexplainedOpenings(opened(countBursts(step[place]!).alerts), opened(countBursts(always[place]!).alerts));
      alwaysThere += control.length;
    }
  }
  const perRun = (value: number) => Number((value / seeds).toFixed(1));
  return {
    places,
    days,
    onboardedDay,
    requestsPerDay: Math.round(requests / seeds),
    seeds,
    placeProblemRaised: perRun(raised),
    placeProblemOwnHistoryOnlyRaised: perRun(raisedOwnHistoryOnly),
    placeProblemAlwaysThere: perRun(alwaysThere),
    placeProblemAlwaysThereOnly: perRun(alwaysThereOnly),
  };
}
