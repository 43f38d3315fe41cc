/**
 * `npm run bench:analytics [-- --cases 1000000 --events 20000]`: prints JSON.
 *  - the 三率 per street per month over `--cases` cases (default 100,000) on PostgreSQL
 *    (TEST_DATABASE_URL or DATABASE_URL; a scratch database is created and dropped), read from the
 *    rollup (as the resolvers do) and from every fact, side by side; the trend per day by category over the year;
 *    the dashboard's hotspots of 30 days from their rollup and from every fact;
 *  - how fast the read model applies events (events/s), on PostgreSQL and PGlite side by side.
 */
import { EventConsumer, migrate, migrationsFromDir, openDatabase, testBackends, type Database, type StoredEvent } from '@huying/runtime';
import { join } from 'node:path';
import { ANALYTICS_SCHEMA, applyAnalyticsEvents } from '../src/projector';
import { hotspots, hotspotsFromFacts } from '../src/hotspots';
import { kpis, kpisFromFacts } from '../src/kpis';
import { trends } from '../src/trends';
import { fillCaseFacts } from './syntheticFacts';

function flag(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a positive whole number`);
  return value;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

const YEAR_2025 = { from: new Date('2025-01-01T00:00:00+08:00'), to: new Date('2026-01-01T00:00:00+08:00') };
const NOW = new Date('2026-02-01T00:00:00Z');

/** Five timed runs after a warm one: rows answered, the median and each run in ms. */
async function timed(ask: () => Promise<unknown[]>): Promise<{ rows: number; medianMs: number; runsMs: number[] }> {
  await ask(); // warm the cache
  const runs: number[] = [];
  let rows = 0;
  for (let run = 0; run < 5; run++) {
    const started = performance.now();
    rows = (await ask()).length;
    runs.push(Math.round(performance.now() - started));
  }
  return { rows, medianMs: median(runs), runsMs: runs };
}

const ratio = (slow: { medianMs: number }, fast: { medianMs: number }) => Math.round((slow.medianMs / Math.max(1, fast.medianMs)) * 10) / 10;

/** The same question answered from the rollup (what the resolvers do) and from every fact, side by side. */
async function rollupBesideFacts(db: Database) {
  const streetMonth = { ...YEAR_2025, groupBy: ['STREET', 'MONTH'] as const, now: NOW };
  const rollup = await timed(() => kpis(db, streetMonth));
  const facts = await timed(() => kpisFromFacts(db, streetMonth));
  const dailyTrend = await timed(() => trends(db, { ...YEAR_2025, interval: 'DAY', by: 'CATEGORY' }));
  // the dashboard's hotspots: the last 30 days, from mid-day to mid-day
  const lastMonth = { from: new Date('2025-12-01T10:30:00+08:00'), to: new Date('2025-12-31T10:30:00+08:00'), first: 10, minCases: 2 };
  const hotspotsRollup = await timed(() => hotspots(db, lastMonth));
  const hotspotsFacts = await timed(() => hotspotsFromFacts(db, lastMonth));
  return {
    threeRatesPerStreetPerMonth: { rollup, facts, factsOverRollup: ratio(facts, rollup) },
    trendPerDayByCategory: dailyTrend,
    hotspotsOf30Days: { rollup: hotspotsRollup, facts: hotspotsFacts, factsOverRollup: ratio(hotspotsFacts, hotspotsRollup) },
  };
}

/** The events of `count / 8` cases: opened, report, classified, three transitions, a light, an evaluation. */
function storyEvents(count: number): StoredEvent[] {
  const events: Omit<StoredEvent, 'seq' | 'eventId' | 'occurredAt' | 'aggregateId'>[] = [];
  for (let index = 0; events.length < count; index++) {
    const caseId = `e${index}`;
    const at = (hours: number) => new Date(Date.UTC(2026, 2, 1 + (index % 28), hours)).toISOString();
    const assignment = { assignmentId: `a${index}`, caseId, departmentId: `D${index % 17}`, departmentName: 'x', round: 1, dueAt: at(23), by: 'bench', reason: null, previousState: null };
    events.push(
      { type: 'CaseOpened', payload: { caseId, title: 't', text: 't', categoryCode: '0101', categoryHint: null, channel: 'HOTLINE', address: null, location: { lng: 114.3, lat: 30.6 }, createdAt: at(1) } },
      { type: 'ReportAttached', payload: { caseId, reportId: `r${index}`, channel: 'HOTLINE', sourceId: `s${index}`, receivedAt: at(1), contactHash: null, contactMasked: null, intakeMode: null, outcome: 'NEW_CASE' } },
      { type: 'CaseClassified', payload: { caseId, categoryCode: '0101', level: 'B', whistle: 'QUICK', matterType: 'PUBLIC', dueAt: at(23), streetId: `S${index % 13}`, communityId: null, streetName: `街道${index % 13}`, communityName: null, at: at(1) } },
      { type: 'AssignmentChanged', payload: { ...assignment, state: 'DISPATCHED', respondedAt: null, resolvedAt: null, at: at(2) } },
      { type: 'AssignmentChanged', payload: { ...assignment, state: 'SIGNED', respondedAt: at(3), resolvedAt: null, at: at(3) } },
      { type: 'SlaLightChanged', payload: { assignmentId: `a${index}`, caseId, departmentId: assignment.departmentId, light: 'YELLOW', at: at(12) } },
      { type: 'AssignmentChanged', payload: { ...assignment, state: 'RESOLVED', respondedAt: at(3), resolvedAt: at(14), at: at(14) } },
      { type: 'CaseEvaluated', payload: { evaluationId: `v${index}`, caseId, round: 1, departmentId: null, raterKind: 'CITIZEN', score: 90, stars: 5, satisfied: true, at: at(20) } },
    );
  }
  return events.slice(0, count).map((event, index) => ({ ...event, seq: index + 1, eventId: `b${index + 1}`, aggregateId: '', occurredAt: new Date(0) }));
}

type Rate = { events: number; seconds: number; eventsPerSecond: number };

async function eventRate(db: Database, count: number): Promise<Rate> {
  await migrate(db, ANALYTICS_SCHEMA, migrationsFromDir(join(__dirname, '..', 'migrations')));
  await db.query(`TRUNCATE analytics.case_fact, analytics.case_rollup, analytics.case_open_deadline, analytics.hotspot_rollup, analytics.report, analytics.assignment, analytics.evaluation, analytics.reopen, analytics.event_checkpoints`);
  const events = storyEvents(count);
  const consumer = new EventConsumer({
    db,
    schema: ANALYTICS_SCHEMA,
    name: 'bench',
    feed: { read: async (after, limit) => events.slice(after, after + limit) },
    handleBatch: applyAnalyticsEvents,
    batchSize: 500,
  });
  const started = performance.now();
  const applied = await consumer.drain();
  const seconds = (performance.now() - started) / 1000;
  return { events: applied, seconds: Math.round(seconds * 100) / 100, eventsPerSecond: Math.round(applied / seconds) };
}

/** The read model's event rate with the rollup kept (as it runs) and with its triggers off, alternating: what keeping it costs. */
async function eventRateWithAndWithoutRollup(db: Database, count: number) {
  const runs: { rollup: Rate[]; withoutRollup: Rate[] } = { rollup: [], withoutRollup: [] };
  for (let round = 0; round < 2; round++) {
    runs.rollup.push(await eventRate(db, count));
    await db.query(`ALTER TABLE analytics.case_fact DISABLE TRIGGER USER`);
    try {
      runs.withoutRollup.push(await eventRate(db, count));
    } finally {
      await db.query(`ALTER TABLE analytics.case_fact ENABLE TRIGGER USER`);
    }
  }
  const best = (rates: Rate[]) => Math.max(...rates.map((rate) => rate.eventsPerSecond));
  return { ...runs, rollupOverWithout: Math.round((best(runs.rollup) / best(runs.withoutRollup)) * 100) / 100 };
}

async function main(): Promise<void> {
  const cases = flag('cases', 100_000);
  const eventCount = flag('events', 20_000);
  const server = testBackends().find((backend) => backend.kind === 'postgres');
  if (!server) throw new Error('bench:analytics needs PostgreSQL: set TEST_DATABASE_URL or DATABASE_URL (e.g. postgres://root@127.0.0.1:5432/test)');
  const { db, dispose } = await server.open({ poolSize: 4 });
  try {
    await migrate(db, ANALYTICS_SCHEMA, migrationsFromDir(join(__dirname, '..', 'migrations')));
    const fillStarted = performance.now();
    await fillCaseFacts(db, cases, new Date('2025-01-01T00:00:00+08:00'), (filled) =>
      process.stderr.write(`bench:analytics: ${filled.toLocaleString('en')} of ${cases.toLocaleString('en')} cases filled (rollup kept by the triggers)\n`),
    );
    const fillSeconds = Math.round((performance.now() - fillStarted) / 100) / 10;
    const rollupRows = (await db.query<{ rows: number }>(`SELECT count(*)::int AS rows FROM analytics.case_rollup`))[0]!.rows;
    const reads = await rollupBesideFacts(db);
    const total = await kpis(db, { ...YEAR_2025, groupBy: [], now: NOW });
    const postgresEvents = await eventRateWithAndWithoutRollup(db, eventCount);
    const lite = await openDatabase({ dataDir: 'memory://' });
    const pgliteEvents = await eventRateWithAndWithoutRollup(lite, eventCount);
    await lite.close();
    console.log(
      JSON.stringify(
        {
          bench: 'analytics',
          backend: 'postgres',
          cases,
          fillSeconds,
          rollupRows,
          ...reads,
          yearTotal: { responseRate: total[0]?.responseRate, resolutionRate: total[0]?.resolutionRate, satisfactionRate: total[0]?.satisfactionRate },
          readModelApply: { postgres: postgresEvents, pglite: pgliteEvents },
        },
        null,
        2,
      ),
    );
  } finally {
    await dispose();
  }
}

void main().catch((error) => {
  console.error(error);
  process.exit(1);
});
