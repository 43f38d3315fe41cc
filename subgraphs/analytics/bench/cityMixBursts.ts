import { Dice } from '@huying/synthetic';
import poisson from '@stdlib/random-base-poisson';
import { COUNT_BURST_DEFAULTS, countBursts } from '../src/alerts/countBurst';
import { AFTER_REFERENCE, BEFORE_FIRST, BURST_SHAPE, leadSummary, REFERENCE_COUNT } from './leadTime';

/** Bands of a series' requests a day the injections are also counted in. */
const RATE_BANDS: readonly [number, number][] = [
  [0, 0.5],
  [0.5, 2],
  [2, 10],
  [10, Infinity],
];

/** A real city's sample: each request's district, place and type, and the hours the sample spans. */
export interface CityMixSample {
  name: string;
  hours: number;
  /**
   * `duplicate`: the city flagged the request as a duplicate of another (Chicago's `duplicate`, New York's
   * resolution); `channel`: how it came in (Chicago's `origin`, New York's `open_data_channel_type`).
   */
  requests: { district: string; place: string; type: string; duplicate?: boolean; channel?: string }[];
}

/** Injected bursts alerted by the day their reference count came in, and the median days ahead of it. */
export interface InjectedBursts {
  injections: number;
  alertedByReferenceDay: number;
  medianLeadDays: number | null;
}

export interface CityMixBursts {
  city: string;
  series: number;
  districts: number;
  requestsPerDay: number;
  days: number;
  /**
   * Bursts as Fuzhou's (15 requests over ten days, the reference day the 10th), in all and by how busy the
   * series was: such a burst stands out where a place's problem sees a few a week and is lost where it sees
   * ten a day.
   */
  fixedSize: InjectedBursts & { byRequestsPerDay: (InjectedBursts & { band: string })[] };
  /** Bursts as many times bigger as the series sees requests a day (at least 1×), the reference day likewise. */
  scaledToSeries: InjectedBursts & { byRequestsPerDay: (InjectedBursts & { band: string })[] };
  /** Alerts on the drawn year without injections (from the first day a series may alert), per week per district. */
  falseAlarmsPerWeekPerDistrict: number;
}

/**
 * Synthetic bursts of known start injected into a year drawn from a real city's mix. Chicago's and New York's
 * samples hold a day and a night, no history: each place × type's daily rate is its count in the sample
 * scaled to a day, a year of days is drawn from those rates (Poisson, seeded), and bursts are injected into
 * series drawn at random as into Fuzhou's rivers. Every series is judged against the city's volume, as the hub
 * judges it. A sample this short sees no quiet series: its quietest is one request in the sample's hours.
 */
export function measureCityMixBursts(sample: CityMixSample, { injections = 200, days = 365, seed = 20261205 } = {}): CityMixBursts {
  const rates = new Map<string, { district: string; rate: number }>();
  for (const request of sample.requests) {
    const key = `${request.place}\u0000${request.type}`;
    const one = rates.get(key) ?? { district: request.district, rate: 0 };
    one.rate += 24 / sample.hours;
    rates.set(key, one);
  }
  const draw = poisson.factory({ seed });
  const series = [...rates.values()].map(({ district, rate }) => ({ district, rate, counts: Array.from({ length: days }, () => draw(rate)) }));
  const city = Array.from({ length: days }, (_, day) => series.reduce((sum, one) => sum + one.counts[day]!, 0));

  const falseAlarms = series.reduce((sum, one) => sum + countBursts(one.counts, COUNT_BURST_DEFAULTS, city).alerts.length, 0);
  const districts = new Set(series.map((one) => one.district)).size;

  const dice = new Dice(seed);
  const picks = Array.from({ length: injections }, () => ({ ...dice.pick(series), start: dice.int(60, days - 61) }));
  // A burst `times` as big as Fuzhou's, its reference day the day `times` × 10 of its requests are in.
  const injected = (scale: (rate: number) => number) => {
    const leads = picks.map(({ counts, rate, start }) => {
      const times = scale(rate);
      const burst = [...counts];
      const cityWithBurst = [...city];
      let reference = start;
      let added = 0;
      BURST_SHAPE.forEach((extra, offset) => {
        const more = Math.round(extra * times);
        burst[start + offset]! += more;
        cityWithBurst[start + offset]! += more;
        if (added < REFERENCE_COUNT * times && added + more >= REFERENCE_COUNT * times) reference = start + offset;
        added += more;
      });
      const hit = countBursts(burst, COUNT_BURST_DEFAULTS, cityWithBurst).alerts.find((alert) => alert.openedDay >= start - BEFORE_FIRST && alert.openedDay <= reference + AFTER_REFERENCE);
      return { rate, lead: hit ? reference - hit.openedDay : null };
    });
    return { ...measured(leads), byRequestsPerDay: RATE_BANDS.map(([from, to]) => ({ band: `${from}–${to}`, ...measured(leads.filter(({ rate }) => rate >= from && rate < to)) })) };
  };
  return {
    city: sample.name,
    series: series.length,
    districts,
    requestsPerDay: Math.round(city.reduce((sum, count) => sum + count, 0) / days),
    days,
    fixedSize: injected(() => 1),
    scaledToSeries: injected((rate) => Math.max(1, rate)),
    falseAlarmsPerWeekPerDistrict: Number((falseAlarms / ((days - COUNT_BURST_DEFAULTS.warmupDays) / 7) / districts).toFixed(4)),
  };
}

function measured(leads: { rate: number; lead: number | null }[]): InjectedBursts {
  return { injections: leads.length, ...leadSummary(leads.map(({ lead }) => lead)) };
}
