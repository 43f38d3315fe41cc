/**
 * `npm run bench:analytics [-- --cases 1000000 --events 20000]`: prints JSON.
 *  - the 三率 per street per month over `--cases` cases (default 100,000) on PostgreSQL
 *    (TEST_DATABASE_URL or DATABASE_URL; a scratch database is created and dropped);
 *  - how fast the read model applies events (events/s), on PostgreSQL and PGlite side by side.
 */
import { EventConsumer, migrate, migrationsFromDir, openDatabase, testBackends, type Database, type StoredEvent } from '@huying/runtime';
import { join } from 'node:path';
import { ANALYTICS_SCHEMA, applyAnalyticsEvents } from '../src/projector';
import { kpis } from '../src/kpis';

function flag(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a positive whole number`);
  return value;
}

/** A year of cases over 13 streets × 5 communities, 8 categories, 4 channels; rates near Tongzhou's. */
async function fillCases(db: Database, count: number): Promise<void> {
  const chunk = 250_000;
  for (let start = 0; start < count; start += chunk) {
    const end = Math.min(count, start + chunk);
    await db.query(
      `INSERT INTO analytics.case_fact (case_id, created_at, channel, opened_category, street_id, community_id, department_id, department_name,
          lng, lat, deadline_at, responded_at, resolved, resolved_at, satisfied, report_count, has_repeat, round)
       SELECT 'c' || n, created, (ARRAY['HOTLINE','MESSAGE_BOARD','URBAN_MANAGEMENT','GRID'])[1 + n % 4],
              (ARRAY['0101','0102','0201','0202','0301','0401','0501','0601'])[1 + (n / 7) % 8],
              'S' || lpad((n % 13)::text, 2, '0'), 'S' || lpad((n % 13)::text, 2, '0') || '-C' || (n / 13) % 5,
              'D' || (n % 17), '部门' || (n % 17),
              114.25 + (n % 997) * 0.0001, 30.55 + (n % 991) * 0.0001,
              created + interval '1 day',
              CASE WHEN n % 1429 = 0 THEN NULL ELSE created + interval '2 hours' END,
              n % 16 <> 0, CASE WHEN n % 16 <> 0 THEN created + interval '20 hours' END,
              CASE WHEN n % 3 = 0 THEN NULL ELSE n % 20 <> 1 END, 1 + (n % 9 = 0)::int, n % 40 = 0, 1
         FROM (SELECT n, timestamptz '2025-01-01 00:00:00+08' + (n::double precision / $3) * interval '365 days' AS created
                 FROM generate_series($1::int, $2::int - 1) AS n) AS generated`,
      [start, end, count],
    );
  }
  await db.query(`ANALYZE analytics.case_fact`);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function timeKpis(db: Database): Promise<{ rows: number; medianMs: number; runs: number[] }> {
  const query = { from: new Date('2025-01-01T00:00:00+08:00'), to: new Date('2026-01-01T00:00:00+08:00'), groupBy: ['STREET', 'MONTH'] as const, now: new Date('2026-02-01T00:00:00Z') };
  await kpis(db, query); // warm the cache
  const runs: number[] = [];
  let rows = 0;
  for (let run = 0; run < 5; run++) {
    const started = performance.now();
    rows = (await kpis(db, query)).length;
    runs.push(Math.round(performance.now() - started));
  }
  return { rows, medianMs: median(runs), runs };
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

async function eventRate(db: Database, count: number): Promise<{ events: number; seconds: number; eventsPerSecond: number }> {
  await migrate(db, ANALYTICS_SCHEMA, migrationsFromDir(join(__dirname, '..', 'migrations')));
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

async function main(): Promise<void> {
  const cases = flag('cases', 100_000);
  const eventCount = flag('events', 20_000);
  const server = testBackends().find((backend) => backend.kind === 'postgres');
  if (!server) throw new Error('bench:analytics needs PostgreSQL: set TEST_DATABASE_URL or DATABASE_URL (e.g. postgres://root@127.0.0.1:5432/test)');
  const { db, dispose } = await server.open({ poolSize: 4 });
  try {
    await migrate(db, ANALYTICS_SCHEMA, migrationsFromDir(join(__dirname, '..', 'migrations')));
    const fillStarted = performance.now();
    await fillCases(db, cases);
    const fillSeconds = Math.round((performance.now() - fillStarted) / 100) / 10;
    const threeRates = await timeKpis(db);
    const total = await kpis(db, { from: new Date('2025-01-01T00:00:00+08:00'), to: new Date('2026-01-01T00:00:00+08:00'), groupBy: [], now: new Date('2026-02-01T00:00:00Z') });
    await db.query(`TRUNCATE analytics.case_fact`);
    const postgresEvents = await eventRate(await openScratch(db), eventCount);
    const lite = await openDatabase({ dataDir: 'memory://' });
    const pgliteEvents = await eventRate(lite, eventCount);
    await lite.close();
    console.log(
      JSON.stringify(
        {
          bench: 'analytics',
          threeRatesPerStreetPerMonth: {
            backend: 'postgres',
            cases,
            fillSeconds,
            groups: threeRates.rows,
            medianMs: threeRates.medianMs,
            runsMs: threeRates.runs,
            yearTotal: { responseRate: total[0]?.responseRate, resolutionRate: total[0]?.resolutionRate, satisfactionRate: total[0]?.satisfactionRate },
          },
          readModelApply: {
            postgres: postgresEvents,
            pglite: pgliteEvents,
            postgresOverPglite: Math.round((postgresEvents.eventsPerSecond / pgliteEvents.eventsPerSecond) * 100) / 100,
          },
        },
        null,
        2,
      ),
    );
  } finally {
    await dispose();
  }
}

/** The event-rate run wants an empty read model in the same database: the truncated one, checkpoint reset. */
async function openScratch(db: Database): Promise<Database> {
  await db.query(`TRUNCATE analytics.report, analytics.assignment, analytics.evaluation, analytics.reopen, analytics.event_checkpoints`);
  return db;
}

void main().catch((error) => {
  console.error(error);
  process.exit(1);
});
