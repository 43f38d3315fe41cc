import { Dice } from '@huying/synthetic';
import { COUNT_BURST_DEFAULTS, countBursts } from '../src/alerts/countBurst';
import { problemShareAlerts } from '../src/alerts/emergingAlerts';
import { unexplainedOpenings } from './leadTime';
import { riverTotal, type RiverHistory } from './riverHistory';

/** The channel a campaign doubles: the hotline. */
const CAMPAIGN_CHANNEL = '电话';

/** What one detector raised after the doubling, per run. */
export interface Raised {
  /** Alerts no alert of the real history explains (same series, opened within two weeks). */
  againstRealHistory: number;
  /**
   * Alerts no alert explains in the same history where the added requests had always come (the same draws
   * from that day on): what the step in volume raised, apart from what more requests raise anyway.
   */
  againstAlwaysThere: number;
  /** Alerts of the always-there history the doubled one does not raise: how far the two differ by chance. */
  alwaysThereOnly: number;
}

export interface DoublingRaised {
  /** Requests the doubling brought, per run. */
  requestsAdded: number;
  /** Place × problem as the hub runs it: each place against its own history and the rest of the city's volume. */
  placeProblem: Raised;
  /** Place × problem against its own history alone (before the city's volume was read). */
  placeProblemOwnHistoryOnly: Raised;
  problemShare: Raised;
}

export interface ChannelDoubling {
  onboardedDay: number;
  seeds: number;
  /** A new channel, as big as all the others together, onboarded that day. */
  newChannel: DoublingRaised;
  /** The hotline's own volume doubled from that day (a campaign). */
  campaign: DoublingRaised & { channel: string };
  /** The detectors on the real history, from that day on, for scale. */
  placeProblemAlertsBefore: number;
  problemShareAlertsBefore: number;
}

type Alerts = Record<'placeProblem' | 'placeProblemOwnHistoryOnly' | 'problemShare', Map<string, number[]>>;

/**
 * "Doubling one channel's volume raises no alert" (issue 26), measured on a real history two ways from
 * `onboardedDay`: a new channel brings as many requests a day as all the others, and the hotline's own
 * requests double. The added requests are about the same rivers (or none) in the same mix as the year
 * before's (of every channel, or of the hotline's), each drawn independently, seeded. Every detector that
 * counts requests runs again; what it raises is counted against the real history and against the same
 * history had the added requests always come. Averaged over `seeds` runs.
 */
export function measureChannelDoubling(history: RiverHistory, onboardedDay: number, seeds = 3): ChannelDoubling {
  const real = alertsOf(history.rivers, history.city, history.days);
  const everyChannel = (day: number) => history.city[day]!;
  const hotline = (day: number) => history.cityByChannel.get(CAMPAIGN_CHANNEL)?.[day] ?? 0;
  const from = (alerts: Map<string, number[]>) => [...alerts.values()].flat().filter((day) => day >= onboardedDay).length;
  return {
    onboardedDay,
    seeds,
    newChannel: doubled(history, real, onboardedDay, seeds, everyChannel, '新渠道', null),
    campaign: { channel: CAMPAIGN_CHANNEL, ...doubled(history, real, onboardedDay, seeds, hotline, CAMPAIGN_CHANNEL, CAMPAIGN_CHANNEL) },
    placeProblemAlertsBefore: from(real.placeProblem),
    problemShareAlertsBefore: from(real.problemShare),
  };
}

/**
 * Adds `requests(day)` requests a day into `channel`, each about a river (or none) drawn from the mix of the
 * year before `from` in `mixOf` (null: every channel): from `from` on (the doubling), and from the first day
 * on (always there, the same draws from `from`).
 */
function doubled(history: RiverHistory, real: Alerts, from: number, seeds: number, requests: (day: number) => number, channel: string, mixOf: string | null): DoublingRaised {
  const mix: (string | null)[] = [];
  for (let day = Math.max(0, from - 365); day < from; day++) {
    let named = 0;
    for (const [river, byChannel] of history.rivers) {
      for (const [name, counts] of byChannel) {
        if (mixOf !== null && name !== mixOf) continue;
        for (let n = 0; n < counts[day]!; n++) mix.push(river);
        named += counts[day]!;
      }
    }
    const all = mixOf === null ? history.city[day]! : (history.cityByChannel.get(mixOf)?.[day] ?? 0);
    for (let n = named; n < all; n++) mix.push(null);
  }
  let added = 0;
  const raised = { placeProblem: { real: 0, always: 0, alwaysOnly: 0 }, placeProblemOwnHistoryOnly: { real: 0, always: 0, alwaysOnly: 0 }, problemShare: { real: 0, always: 0, alwaysOnly: 0 } };
  for (let seed = 1; seed <= seeds; seed++) {
    const step = copyOf(history);
    const always = copyOf(history);
    const before = new Dice(seed + 1000);
    const after = new Dice(seed);
    for (let day = 0; day < history.days; day++) {
      const dice = day < from ? before : after;
      for (let n = 0; n < requests(day); n++) {
        const river = dice.pick(mix);
        for (const target of day < from ? [always] : [step, always]) {
          target.city[day]! += 1;
          if (river === null) continue;
          const byChannel = target.rivers.get(river)!;
          if (!byChannel.has(channel)) byChannel.set(channel, new Array<number>(history.days).fill(0));
          byChannel.get(channel)![day]! += 1;
        }
      }
      if (day >= from) added += requests(day);
    }
    const stepAlerts = alertsOf(step.rivers, step.city, history.days);
    const alwaysAlerts = alertsOf(always.rivers, always.city, history.days);
    for (const detector of Object.keys(raised) as (keyof Alerts)[]) {
      raised[detector].real += unexplained(stepAlerts[detector], real[detector], from);
      raised[detector].always += unexplained(stepAlerts[detector], alwaysAlerts[detector], from);
      raised[detector].alwaysOnly += unexplained(alwaysAlerts[detector], stepAlerts[detector], from);
    }
  }
  const perRun = ({ real: againstReal, always, alwaysOnly }: { real: number; always: number; alwaysOnly: number }): Raised => ({
    againstRealHistory: Number((againstReal / seeds).toFixed(1)),
    againstAlwaysThere: Number((always / seeds).toFixed(1)),
    alwaysThereOnly: Number((alwaysOnly / seeds).toFixed(1)),
  });
  return {
    requestsAdded: Math.round(added / seeds),
    placeProblem: perRun(raised.placeProblem),
    placeProblemOwnHistoryOnly: perRun(raised.placeProblemOwnHistoryOnly),
    problemShare: perRun(raised.problemShare),
  };
}

function copyOf(history: RiverHistory): { rivers: Map<string, Map<string, number[]>>; city: number[] } {
  return { rivers: new Map([...history.rivers].map(([river, byChannel]) => [river, new Map([...byChannel].map(([name, counts]) => [name, [...counts]]))])), city: [...history.city] };
}

/** The day each alert opened, per river, by each detector that counts requests. */
function alertsOf(rivers: ReadonlyMap<string, ReadonlyMap<string, readonly number[]>>, city: readonly number[], days: number): Alerts {
  const totals = new Map([...rivers].map(([river, byChannel]) => [river, riverTotal(byChannel, days)]));
  const opened = (detect: (counts: number[]) => { openedDay: number }[]) => new Map([...totals].map(([river, counts]) => [river, detect(counts).map((alert) => alert.openedDay)]));
  const problemShare = new Map<string, number[]>();
  for (const alert of problemShareAlerts(city, Object.fromEntries(totals))) problemShare.set(alert.categoryCode, [...(problemShare.get(alert.categoryCode) ?? []), alert.openedDay]);
  return {
    placeProblem: opened((counts) => countBursts(counts, COUNT_BURST_DEFAULTS, city).alerts),
    placeProblemOwnHistoryOnly: opened((counts) => countBursts(counts).alerts),
    problemShare,
  };
}

function unexplained(after: Map<string, number[]>, before: Map<string, number[]>, from: number): number {
  let raised = 0;
  for (const [name, opened] of after) raised += unexplainedOpenings(opened.filter((day) => day >= from), before.get(name) ?? []);
  return raised;
}
