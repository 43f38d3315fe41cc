import { Dice } from '@huying/synthetic';
import { countBursts } from '../src/alerts/countBurst';
import { problemShareAlerts } from '../src/alerts/emergingAlerts';

/** Two alerts on one series opened this close are one burst seen twice, not a new alert. */
const SAME_BURST_DAYS = 14;

export interface ChannelDoubling {
  onboardedDay: number;
  seeds: number;
  /** Requests the new channel brought, per run (as many as the first channel's from that day). */
  requestsAdded: number;
  /** Alerts opened from that day on in the doubled history that no alert of the real history explains, per run. */
  placeProblemAlertsRaised: number;
  problemShareAlertsRaised: number;
  /** The same detectors on the real history, from that day on, for scale. */
  placeProblemAlertsBefore: number;
  problemShareAlertsBefore: number;
}

/**
 * "Doubling one channel's volume raises no alert" (issue 26), measured on a real history: from `onboardedDay`
 * a second channel brings as many requests a day as the first, about the same places in the same mix as the
 * first channel's requests of the year before (each drawn independently, seeded), and both detectors that
 * count requests run again over every series. What they raise that the real history does not (same series,
 * opened within two weeks of a real alert) the doubling raised. Averaged over `seeds` runs.
 */
export function measureChannelDoubling(series: ReadonlyMap<string, readonly number[]>, onboardedDay: number, seeds = 3): ChannelDoubling {
  const days = [...series.values()][0]!.length;
  const mix: string[] = [];
  for (const [place, counts] of series) for (let day = Math.max(0, onboardedDay - 365); day < onboardedDay; day++) for (let n = 0; n < counts[day]!; n++) mix.push(place);
  const before = alertsOf(series);
  let added = 0;
  let placeRaised = 0;
  let shareRaised = 0;
  for (let seed = 1; seed <= seeds; seed++) {
    const dice = new Dice(seed);
    const doubled = new Map([...series].map(([place, counts]) => [place, [...counts]]));
    for (let day = onboardedDay; day < days; day++) {
      let requests = 0;
      for (const counts of series.values()) requests += counts[day]!;
      for (let n = 0; n < requests; n++) doubled.get(dice.pick(mix))![day]! += 1;
      added += requests;
    }
    const after = alertsOf(doubled);
    placeRaised += raisedBy(after.place, before.place, onboardedDay);
    shareRaised += raisedBy(after.share, before.share, onboardedDay);
  }
  const from = (alerts: Map<string, number[]>) => [...alerts.values()].flat().filter((day) => day >= onboardedDay).length;
  return {
    onboardedDay,
    seeds,
    requestsAdded: Math.round(added / seeds),
    placeProblemAlertsRaised: Number((placeRaised / seeds).toFixed(1)),
    problemShareAlertsRaised: Number((shareRaised / seeds).toFixed(1)),
    placeProblemAlertsBefore: from(before.place),
    problemShareAlertsBefore: from(before.share),
  };
}

/** The day each alert opened, per series: place × problem on each series, and each series' share of all. */
function alertsOf(series: ReadonlyMap<string, readonly number[]>): { place: Map<string, number[]>; share: Map<string, number[]> } {
  const place = new Map([...series].map(([name, counts]) => [name, countBursts(counts).alerts.map((alert) => alert.openedDay)]));
  const days = [...series.values()][0]!.length;
  const totals = Array.from({ length: days }, (_, day) => [...series.values()].reduce((sum, counts) => sum + counts[day]!, 0));
  const share = new Map<string, number[]>();
  for (const alert of problemShareAlerts(totals, Object.fromEntries(series))) share.set(alert.categoryCode, [...(share.get(alert.categoryCode) ?? []), alert.openedDay]);
  return { place, share };
}

function raisedBy(after: Map<string, number[]>, before: Map<string, number[]>, from: number): number {
  let raised = 0;
  for (const [name, opened] of after) {
    for (const day of opened) if (day >= from && !(before.get(name) ?? []).some((real) => Math.abs(real - day) <= SAME_BURST_DAYS)) raised += 1;
  }
  return raised;
}
