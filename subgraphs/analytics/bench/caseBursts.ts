import { Dice } from '@huying/synthetic';
import poisson from '@stdlib/random-base-poisson';
import { COUNT_BURST_DEFAULTS, countBursts } from '../src/alerts/countBurst';
import { REPEATED_CASE_DEFAULTS, repeatedCaseAlerts, type CaseOpenings, type CaseReports } from '../src/alerts/repeatedCases';
import type { CityMixSample } from './cityMixBursts';
import { AFTER_REFERENCE, BEFORE_FIRST, BURST_SHAPE, leadSummary, REFERENCE_COUNT } from './leadTime';

/** How many requests of the city's whole mix a type's own duplicate share is shrunk toward the city's by. */
const SHARE_PRIOR = 20;
/** A case's later reports come the same day or the next (Chicago's flagged duplicates: 0.4 min to 32.8 h after their parent, median 1.8 h). */
const NEXT_DAY = 0.4;

/** Injected bursts of one problem at one place, alerted by each detector and by either. */
export interface OneCaseBursts {
  /** The share of a burst's later requests the duplicate filter joins to its case (the rest open cases of their own). */
  joined: number;
  injections: number;
  repeatedCase: { alertedByReferenceDay: number; medianLeadDays: number | null };
  placeProblem: { alertedByReferenceDay: number; medianLeadDays: number | null };
  either: { alertedByReferenceDay: number; medianLeadDays: number | null };
}

/** The per-case detector counting each case's reports per channel (as the hub), or all together. */
export interface CaseCounting {
  /** Cases (per channel: a case's reports through one channel) of two reports or more, and three or more, a day. */
  repeatedPerDay: { twoOrMore: number; threeOrMore: number };
  bursts: OneCaseBursts[];
  /** The per-case detector's alerts on the drawn year without injections, per week per district. */
  falseAlarmsPerWeekPerDistrict: number;
}

export interface CaseBursts {
  city: string;
  series: number;
  districts: number;
  requestsPerDay: number;
  /** The sample's requests its city flagged as duplicates of another. */
  duplicateShare: number;
  perChannel: CaseCounting;
  allChannels: CaseCounting;
  campaignRepeats: { channel: string; from: number; alertsPerWeekPerDistrict: { without: number; doubled: number; alwaysDoubled: number } };
}

interface Series {
  district: string;
  type: string;
  rate: number;
  counts: number[];
}

/**
 * Bursts of one problem at one place (15 requests over ten days, as the reference events) injected as one case
 * the duplicate filter grows, into a year of cases drawn from a real city's mix: each place × type opens cases
 * at its rate, each case reported again with the type's share of flagged duplicates (geometric: a case of a type
 * whose requests are duplicates a share d of the time holds 1 / (1 − d) reports on average), so the per-case
 * detector meets the repeats a city really sees (a traffic signal out is reported by many drivers). A burst's
 * first request opens its case; each later one joins it with the `joined` share, else opens a case of its own.
 * The place × problem detector runs on the same requests, so the two are compared on one history.
 */
export function measureCaseBursts(
  sample: CityMixSample,
  {
    joined = [0.97, 0.6, 0.25],
    injections = 200,
    days = 365,
    seed = 20261205,
    log = () => {},
  }: { joined?: number[]; injections?: number; days?: number; seed?: number; log?: (message: string) => void } = {},
): CaseBursts {
  const typeRequests = new Map<string, { requests: number; duplicates: number }>();
  const rates = new Map<string, { district: string; type: string; rate: number }>();
  for (const request of sample.requests) {
    const type = typeRequests.get(request.type) ?? { requests: 0, duplicates: 0 };
    type.requests += 1;
    if (request.duplicate) type.duplicates += 1;
    typeRequests.set(request.type, type);
    const key = `${request.place}\u0000${request.type}`;
    const one = rates.get(key) ?? { district: request.district, type: request.type, rate: 0 };
    one.rate += 24 / sample.hours;
    rates.set(key, one);
  }
  const cityShare = sample.requests.filter((request) => request.duplicate).length / Math.max(1, sample.requests.length);
  const duplicateShare = (type: string) => {
    const { requests, duplicates } = typeRequests.get(type)!;
    return Math.min(0.9, (duplicates + SHARE_PRIOR * cityShare) / (requests + SHARE_PRIOR));
  };

  const channels = new Map<string, string[]>();
  for (const request of sample.requests) {
    const list = channels.get(request.type) ?? [];
    list.push(request.channel ?? 'UNKNOWN');
    channels.set(request.type, list);
  }

  const draw = poisson.factory({ seed });
  const dice = new Dice(seed);
  const series: Series[] = [...rates.values()].map((one) => ({ ...one, counts: new Array<number>(days).fill(0) }));
  // Every case drawn: its type and its reports' days and channels (a report's channel drawn from its type's mix).
  const drawn: { type: string; reports: { day: number; channel: string }[] }[] = [];
  for (const one of series) {
    const share = duplicateShare(one.type);
    for (let day = 0; day < days; day++) {
      for (let count = draw(one.rate * (1 - share)); count > 0; count--) {
        const reportDays = [day];
        while (dice.chance(share)) reportDays.push(day + (dice.chance(NEXT_DAY) ? 1 : 0));
        const within = reportDays.filter((at) => at < days);
        for (const at of within) one.counts[at]! += 1;
        drawn.push({ type: one.type, reports: within.map((at) => ({ day: at, channel: dice.pick(channels.get(one.type)!) })) });
      }
    }
  }
  const city = Array.from({ length: days }, (_, day) => series.reduce((sum, one) => sum + one.counts[day]!, 0));
  const districts = new Set(series.map((one) => one.district)).size;
  const picks = Array.from({ length: injections }, () => ({ one: dice.pick(series), start: dice.int(60, days - 61) }));

  const counted = (perChannel: boolean) => {
    const { repeated, opened } = detectorInput(drawn, days, perChannel);
    const falseAlarms = repeatedCaseAlerts(repeated, opened, days).length;
    const bursts = joined.map((share) => {
      const burstDice = new Dice(seed + Math.round(share * 1000));
      const leads = picks.map(({ one, start }, done) => {
        if (done % 50 === 0) log(`${sample.name}, ${perChannel ? 'per channel' : 'all channels'}, ${share} joined: ${done} of ${picks.length} bursts`);
        const burst: { type: string; reports: { day: number; channel: string }[] } = { type: one.type, reports: [] };
        const apart: typeof drawn = [];
        const counts = [...one.counts];
        const cityWithBurst = [...city];
        let reference = start;
        let added = 0;
        BURST_SHAPE.forEach((more, offset) => {
          const day = start + offset;
          for (let request = 0; request < more; request++) {
            const report = { day, channel: burstDice.pick(channels.get(one.type)!) };
            if (burst.reports.length === 0 || burstDice.chance(share)) burst.reports.push(report);
            else apart.push({ type: one.type, reports: [report] });
            counts[day]! += 1;
            cityWithBurst[day]! += 1;
            if (++added === REFERENCE_COUNT) reference = day;
          }
        });
        const withBurst = detectorInput([burst, ...apart], days, perChannel, 'burst');
        const inTime = (openedDay: number) => openedDay >= start - BEFORE_FIRST && openedDay <= reference + AFTER_REFERENCE;
        const caseHit = repeatedCaseAlerts([...repeated, ...withBurst.repeated], [...opened, ...withBurst.opened], days).find(
          (alert) => alert.caseId === 'burst0' && inTime(alert.openedDay),
        );
        const placeHit = countBursts(counts, COUNT_BURST_DEFAULTS, cityWithBurst).alerts.find((alert) => inTime(alert.openedDay));
        const lead = (hit: { openedDay: number } | undefined) => (hit ? reference - hit.openedDay : null);
        const [repeatedCase, placeProblem] = [lead(caseHit), lead(placeHit)];
        return { repeatedCase, placeProblem, either: repeatedCase === null ? placeProblem : placeProblem === null ? repeatedCase : Math.max(repeatedCase, placeProblem) };
      });
      return {
        joined: share,
        injections,
        repeatedCase: leadSummary(leads.map((lead) => lead.repeatedCase)),
        placeProblem: leadSummary(leads.map((lead) => lead.placeProblem)),
        either: leadSummary(leads.map((lead) => lead.either)),
      };
    });
    const atLeast = (reports: number) => Number((repeated.filter((one) => one.reportDays.length >= reports).length / days).toFixed(1));
    return {
      repeatedPerDay: { twoOrMore: atLeast(2), threeOrMore: atLeast(3) },
      bursts,
      falseAlarmsPerWeekPerDistrict: Number((falseAlarms / ((days - REPEATED_CASE_DEFAULTS.warmupDays) / 7) / districts).toFixed(4)),
    };
  };

  return {
    city: sample.name,
    series: series.length,
    districts,
    requestsPerDay: Math.round(city.reduce((sum, count) => sum + count, 0) / days),
    duplicateShare: Number(cityShare.toFixed(3)),
    perChannel: counted(true),
    allChannels: counted(false),
    campaignRepeats: campaignRepeats(drawn, sample, days, districts),
  };
}

/**
 * The worst a campaign can do to the per-case detector: from mid-year the busiest channel brings twice its
 * requests, every added one a repeat of a case it already had (each of its reports comes twice). The per-case
 * alerts opened from that day on, per week per district: without the campaign, with it, and had the campaign
 * always run (its history knowing it).
 */
function campaignRepeats(drawn: readonly { type: string; reports: readonly { day: number; channel: string }[] }[], sample: CityMixSample, days: number, districts: number) {
  const byChannel = new Map<string, number>();
  for (const request of sample.requests) byChannel.set(request.channel ?? 'UNKNOWN', (byChannel.get(request.channel ?? 'UNKNOWN') ?? 0) + 1);
  const channel = [...byChannel].sort((a, b) => b[1] - a[1])[0]![0];
  const from = Math.floor(days / 2);
  const doubled = (since: number) =>
    drawn.map((one) => ({ type: one.type, reports: one.reports.flatMap((report) => (report.channel === channel && report.day >= since ? [report, report] : [report])) }));
  const perWeek = (cases: readonly { type: string; reports: readonly { day: number; channel: string }[] }[]) => {
    const { repeated, opened } = detectorInput(cases, days, true);
    const alerts = repeatedCaseAlerts(repeated, opened, days).filter((alert) => alert.openedDay >= from).length;
    return Number((alerts / ((days - from) / 7) / districts).toFixed(4));
  };
  return { channel, from, alertsPerWeekPerDistrict: { without: perWeek(drawn), doubled: perWeek(doubled(from)), alwaysDoubled: perWeek(doubled(0)) } };
}

/**
 * What the detector reads: the cases (or, per channel, each case's reports through one channel) with two
 * reports or more, and how many opened each day per type. Their ids are `prefix` and the case's index.
 */
function detectorInput(cases: readonly { type: string; reports: readonly { day: number; channel: string }[] }[], days: number, perChannel: boolean, prefix = 'c') {
  const repeated: CaseReports[] = [];
  const opened = new Map<string, CaseOpenings & { counts: number[] }>();
  cases.forEach((one, index) => {
    const units = new Map<string, number[]>();
    for (const report of one.reports) {
      const channel = perChannel ? report.channel : 'ALL';
      const days = units.get(channel);
      if (days) days.push(report.day);
      else units.set(channel, [report.day]);
    }
    for (const [channel, reportDays] of units) {
      const key = `${one.type}\u0000${channel}`;
      let openings = opened.get(key);
      if (!openings) opened.set(key, (openings = { categoryCode: one.type, channel, counts: new Array<number>(days).fill(0) }));
      openings.counts[Math.min(...reportDays)]! += 1;
      if (reportDays.length > 1) repeated.push({ caseId: `${prefix}${index}`, categoryCode: one.type, channel, reportDays: reportDays.sort((a, b) => a - b) });
    }
  });
  return { repeated, opened: [...opened.values()] };
}
