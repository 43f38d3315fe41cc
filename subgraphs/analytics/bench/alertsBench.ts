/**
 * `npm run bench:alerts [-- --injections N --new-problem-injections N --seed S --events FILE]`: replays Fuzhou's 12345 river complaints
 * (../shared/data/fuzhou12345_water, 2016–2020) one day at a time through the place × problem detector
 * (`src/alerts/countBurst.ts`, each river a series, against the city's volume) and prints JSON: for each reference event of
 * `REFERENCE_EVENTS.md` (bursts found by reading) and for synthetic bursts of known start injected into
 * the real baseline, the first alert's day against the event's reference day (the lead time); the share
 * alerted by their reference day; false alarms per week, and per month on each chronic river; and the
 * new-problem detector on the message board's posts (`newProblemsBench.ts`); and what a doubling raises: a new
 * channel as big as all the others onboarded mid-history and the hotline doubled by a campaign
 * (`channelDoubling.ts`), and a new channel on a synthetic city of 2,000 requests a day (`denseCityDoubling.ts`). The
 * detector only ever sees the days before the one it judges (tested: replay equals live).
 *
 * Chicago's and New York's samples in ../shared/data hold a day and a night: no history of their own, so bursts
 * are injected into a year drawn from each one's mix (`cityMixBursts.ts`).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Dice } from '@huying/synthetic';
import { parse } from 'csv-parse/sync';
import { COUNT_BURST_DEFAULTS, countBursts, type CountBurstAlert } from '../src/alerts/countBurst';
import { NEW_PROBLEM_DEFAULTS } from '../src/alerts/newProblems';
import { REPEATED_CASE_DEFAULTS } from '../src/alerts/repeatedCases';
import { AFTER_REFERENCE, BEFORE_FIRST, BURST_SHAPE, leadSummary, REFERENCE_COUNT } from './leadTime';
import { measureChannelDoubling } from './channelDoubling';
import { measureCaseBursts } from './caseBursts';
import { measureCityMixBursts, type CityMixSample } from './cityMixBursts';
import { measureDenseCityDoubling } from './denseCityDoubling';
import { hubPlace } from './hubPlace';
import { riverBursts, riverTotal, type RiverHistory } from './riverHistory';
import { measureNewProblems } from './newProblemsBench';

const SHARED_DATA = join(__dirname, '..', '..', '..', '..', 'shared', 'data');
const DATA = join(SHARED_DATA, 'fuzhou12345_water', 'fuzhou12345_water_complaints.csv');
const CHICAGO = join(SHARED_DATA, 'chicago311_sample', 'chicago_311_2021-01-01_5000rows.csv');
const NYC = join(SHARED_DATA, 'nyc311_sample', 'nyc_311_2024-04-15_1000rows.csv');
const DEFAULT_EVENTS = join(__dirname, 'REFERENCE_EVENTS.md');
const START = Date.UTC(2016, 0, 1);
const DAY = 86_400_000;

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const at = args.indexOf(name);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const EVENTS = (() => {
  const at = args.indexOf('--events');
  return at >= 0 ? args[at + 1]! : DEFAULT_EVENTS;
})();
const log = (message: string) => process.stderr.write(`[bench:alerts] ${message}\n`);
const dayOf = (iso: string) => Math.round((Date.parse(`${iso}T00:00:00Z`) - START) / DAY);
const isoOf = (day: number) => new Date(START + day * DAY).toISOString().slice(0, 10);

interface ReferenceEvent {
  id: string;
  river: string;
  firstDay: string;
  referenceDay: string;
  chronic?: boolean;
}

function referenceEvents(): { events: ReferenceEvent[]; chronicRivers: string[] } {
  const text = readFileSync(EVENTS, 'utf8');
  const block = /```json\s*([\s\S]*?)```/.exec(text);
  if (!block) throw new Error(`${EVENTS} has no json block`);
  const parsed = JSON.parse(block[1]!) as ReferenceEvent[] | { events: ReferenceEvent[]; chronicRivers?: string[] };
  return Array.isArray(parsed) ? { events: parsed, chronicRivers: [] } : { events: parsed.events, chronicRivers: parsed.chronicRivers ?? [] };
}

/** Fuzhou's river complaints, each river per channel, and the city's per day. */
function riverHistory(): RiverHistory {
  const rows = parse(readFileSync(DATA, 'utf8'), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
  const days = dayOf('2020-12-31') + 1;
  const rivers = new Map<string, Map<string, number[]>>();
  const city = new Array<number>(days).fill(0);
  const cityByChannel = new Map<string, number[]>();
  for (const row of rows) {
    const day = dayOf(row.created_date!);
    if (day < 0 || day >= days) continue;
    const channel = row.channel || '未知';
    city[day]! += 1;
    if (!cityByChannel.has(channel)) cityByChannel.set(channel, new Array<number>(days).fill(0));
    cityByChannel.get(channel)![day]! += 1;
    if (!row.water_body || row.water_body === '无') continue;
    const byChannel = rivers.get(row.water_body) ?? new Map<string, number[]>();
    rivers.set(row.water_body, byChannel);
    const counts = byChannel.get(channel) ?? Array<number>(days).fill(0);
    byChannel.set(channel, counts);
    counts[day]! += 1;
  }
  return { days, rivers, city, cityByChannel };
}

/**
 * A 311 sample as a city's mix: each request's district, place and type, over the hours between its first and
 * last request. A request's place is what the hub's place × problem detector counts it under (`hubPlace`): the
 * ~500 m cell of its coordinates, else its address. Chicago: community areas as districts, request types,
 * information-only calls left out (no problem at a place); New York: community boards and complaint types.
 */
function cityMixSample(
  name: string,
  path: string,
  fields: { district: string; type: string; address: string; channel: string; skipType?: string; duplicate: (row: Record<string, string>) => boolean },
): CityMixSample {
  const rows = (parse(readFileSync(path, 'utf8'), { columns: true, skip_empty_lines: true }) as Record<string, string>[]).filter(
    (row) => row[fields.district] && row[fields.type] && row[fields.type] !== fields.skipType,
  );
  const times = rows.map((row) => Date.parse(row.created_date!)).filter((time) => Number.isFinite(time));
  const hours = (Math.max(...times) - Math.min(...times)) / 3_600_000;
  const requests = rows.flatMap((row) => {
    const place = hubPlace(Number.parseFloat(row.latitude ?? ''), Number.parseFloat(row.longitude ?? ''), row[fields.address]);
    return place ? [{ district: row[fields.district]!, place, type: row[fields.type]!, duplicate: fields.duplicate(row), channel: row[fields.channel] }] : [];
  });
  return { name, hours, requests };
}

/** The first alert that counts for an event, and its lead in days before the reference day (negative: late). */
function firstAlert(alerts: readonly CountBurstAlert[], first: number, reference: number): { day: number; lead: number } | null {
  const hit = alerts.find((alert) => alert.openedDay >= first - BEFORE_FIRST && alert.openedDay <= reference + AFTER_REFERENCE);
  return hit ? { day: hit.openedDay, lead: reference - hit.openedDay } : null;
}

function main() {
  const { events, chronicRivers } = referenceEvents();
  const history = riverHistory();
  const { rivers: series, days, city } = history;
  log(`${series.size} rivers over ${days} days; replaying…`);
  const alertsByRiver = new Map([...series].map(([river, byChannel]) => [river, riverBursts(byChannel, city)]));

  const measured = events.map((event) => {
    const first = dayOf(event.firstDay);
    const reference = dayOf(event.referenceDay);
    const hit = firstAlert(alertsByRiver.get(event.river) ?? [], first, reference);
    return { id: event.id, river: event.river, firstDay: event.firstDay, referenceDay: event.referenceDay, alertDay: hit ? isoOf(hit.day) : null, leadDays: hit?.lead ?? null };
  });
  const explained = (river: string, alert: CountBurstAlert) =>
    events.some((event) => event.river === river && alert.openedDay >= dayOf(event.firstDay) - BEFORE_FIRST && alert.openedDay <= dayOf(event.referenceDay) + AFTER_REFERENCE);
  const falseAlarms = [...alertsByRiver].flatMap(([river, alerts]) => alerts.filter((alert) => !explained(river, alert)).map((alert) => ({ river, day: isoOf(alert.openedDay), observed: alert.observed, expected: Number(alert.expected.toFixed(3)) })));
  const weeks = days / 7;
  const months = days / 30.44;

  log('injecting synthetic bursts…');
  const injections = option('--injections', 200);
  // Seeded, so the injections are the same every run.
  const seed = option('--seed', 20261205);
  const dice = new Dice(seed);
  const rivers = [...series.keys()].sort();
  const synthetic = Array.from({ length: injections }, () => {
    const river = dice.pick(rivers);
    const start = dice.int(60, days - 61);
    const counts = riverTotal(series.get(river)!, days);
    const cityWithBurst = [...city];
    let reference: number | null = null;
    let injected = 0;
    BURST_SHAPE.forEach((extra, offset) => {
      counts[start + offset]! += extra;
      cityWithBurst[start + offset]! += extra;
      injected += extra;
      if (reference === null && injected >= REFERENCE_COUNT) reference = start + offset;
    });
    const hit = firstAlert(countBursts(counts, COUNT_BURST_DEFAULTS, cityWithBurst).alerts.filter((alert) => alert.openedDay >= start - BEFORE_FIRST), start, reference!);
    return { lead: hit?.lead ?? null };
  });

  log("injecting bursts into years drawn from Chicago's and New York's mix…");
  const samples = [
    cityMixSample('Chicago 311, 2021-01-01', CHICAGO, {
      district: 'community_area',
      type: 'sr_type',
      address: 'street_address',
      channel: 'origin',
      skipType: '311 INFORMATION ONLY CALL',
      duplicate: (row) => row.duplicate === 'True',
    }),
    cityMixSample('New York 311, 2024-04-15 night', NYC, {
      district: 'community_board',
      type: 'complaint_type',
      address: 'incident_address',
      channel: 'open_data_channel_type',
      duplicate: (row) => /duplicate/i.test(row.resolution_description ?? ''),
    }),
  ];
  const cityMix = samples.map((sample) => measureCityMixBursts(sample, { seed }));
  log('injecting bursts of one case into the same mixes…');
  const oneCaseBursts = samples.map((sample) => measureCaseBursts(sample, { seed, injections, log }));

  log('doubling the channel from 2018-07-01…');
  const { onboardedDay, ...doubling } = measureChannelDoubling(history, dayOf('2018-07-01'));

  const report = {
    detector: { name: 'countBurst (EWMA baseline, Poisson tail)', options: COUNT_BURST_DEFAULTS },
    data: { rivers: series.size, days, from: isoOf(0), to: isoOf(days - 1) },
    referenceEvents: {
      events: measured,
      ...leadSummary(measured.map((event) => event.leadDays)),
    },
    synthetic: { injections, ...leadSummary(synthetic.map((event) => event.lead)) },
    cityMix,
    oneCaseBursts: { detector: { name: 'repeatedCases (a case reported again and again, against its category\'s cases)', options: REPEATED_CASE_DEFAULTS }, cities: oneCaseBursts },
    newProblems: {
      detector: { name: 'newProblems (online title groups of requests the tree places poorly, each against its own history)', options: NEW_PROBLEM_DEFAULTS },
      ...measureNewProblems({ injections: option('--new-problem-injections', 60), seed, log }),
    },
    channelDoubling: { onboarded: isoOf(onboardedDay), ...doubling, denseCity: measureDenseCityDoubling() },
    falseAlarms: {
      total: falseAlarms.length,
      perWeek: Number((falseAlarms.length / weeks).toFixed(3)),
      perMonthOnChronicRivers: Object.fromEntries(chronicRivers.map((river) => [river, Number((falseAlarms.filter((alarm) => alarm.river === river).length / months).toFixed(3))])),
      list: falseAlarms,
    },
  };
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  log('done');
}

main();
