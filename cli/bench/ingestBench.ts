import { parseArgs } from 'node:util';
import { ManualClock, testBackends, type Database, type TestBackend } from '@huying/runtime';
import { CONNECTED_CHANNELS, type ConnectedChannel } from '@huying/schema';
import { backfill } from '../src/backfill';
import { CHANNEL_CONNECTORS } from '../src/channelConnectors';

/**
 * `npm run bench:ingest [-- --records 300]`: records per second from a simulator over HTTP, through the
 * channel's client, mapping and intake (with the duplicate filter), to a stored report; one channel
 * alone and all four at once, on PGlite and (with TEST_DATABASE_URL or DATABASE_URL) on PostgreSQL.
 * `--records` is the size: records each simulator holds.
 */
const { values } = parseArgs({ options: { records: { type: 'string', default: '300' } } });
const recordsPerChannel = Number(values.records);
if (!(Number.isInteger(recordsPerChannel) && recordsPerChannel > 0)) throw new RangeError('--records must be a positive integer');

const HISTORY_START = new Date('2026-11-01T00:00:00Z');
const fast = { ratePerSecond: 10_000, pageSize: 200 };

interface Run {
  backend: TestBackend['kind'];
  channels: ConnectedChannel[];
  records: number;
  reports: number;
  seconds: number;
  recordsPerSecond: number;
}

async function run(backend: TestBackend, channels: ConnectedChannel[]): Promise<Run> {
  const { db, dispose } = await backend.open();
  const simulators = await Promise.all(channels.map((channel) => simulatorHolding(channel, recordsPerChannel)));
  try {
    // Migrations are not part of the rate: a backfill of nothing creates every table first.
    for (const [index, channel] of channels.entries()) await backfill({ channel, db, range: { from: new Date(0), to: new Date(1) }, sourceUrl: simulators[index]!.url, source: fast });
    const startedAt = performance.now();
    const summaries = await Promise.all(
      channels.map((channel, index) => backfill({ channel, db, range: { from: HISTORY_START, to: simulators[index]!.until }, sourceUrl: simulators[index]!.url, source: fast })),
    );
    const seconds = (performance.now() - startedAt) / 1000;
    const records = summaries.reduce((sum, summary) => sum + summary.records, 0);
    const reports = await reportCount(db);
    return { backend: backend.kind, channels, records, reports, seconds: round(seconds), recordsPerSecond: round(records / seconds) };
  } finally {
    for (const simulator of simulators) await simulator.close();
    await dispose();
  }
}

async function simulatorHolding(channel: ConnectedChannel, records: number) {
  const clock = new ManualClock(HISTORY_START);
  const simulator = await CHANNEL_CONNECTORS[channel].startSimulator({ clock, start: HISTORY_START });
  while (simulator.feed.entries().length < records) clock.advance(3600_000);
  return { url: simulator.url, until: new Date(clock.now().getTime() + 1), close: () => simulator.close() };
}

async function reportCount(db: Database): Promise<number> {
  const [row] = await db.query<{ count: number }>('SELECT count(*)::int AS count FROM cases.report');
  return row!.count;
}

const round = (value: number) => Math.round(value * 100) / 100;

async function main() {
  const runs: Run[] = [];
  for (const backend of testBackends()) {
    runs.push(await run(backend, ['HOTLINE']));
    runs.push(await run(backend, [...CONNECTED_CHANNELS]));
  }
  const rate = (kind: string, all: boolean) => runs.find((entry) => entry.backend === kind && (entry.channels.length > 1) === all)?.recordsPerSecond;
  const ratio = (a?: number, b?: number) => (a && b ? round(a / b) : null);
  process.stdout.write(
    `${JSON.stringify(
      {
        benchmark: 'ingest: simulator → HTTP → mapping → intake → stored report',
        recordsPerChannel,
        runs,
        ratios: {
          pgliteAllFourOverOne: ratio(rate('pglite', true), rate('pglite', false)),
          postgresAllFourOverOne: ratio(rate('postgres', true), rate('postgres', false)),
          postgresOverPgliteOneChannel: ratio(rate('postgres', false), rate('pglite', false)),
          postgresOverPgliteAllFour: ratio(rate('postgres', true), rate('pglite', true)),
        },
      },
      null,
      2,
    )}\n`,
  );
}

void main().catch((error) => {
  process.stderr.write(`${(error as Error).stack}\n`);
  process.exitCode = 1;
});
