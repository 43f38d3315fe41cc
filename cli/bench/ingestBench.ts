import { parseArgs } from 'node:util';
import { ManualClock, testBackends, type Database, type TestBackend } from '@huying/runtime';
import { CONNECTED_CHANNELS, type ConnectedChannel } from '@huying/schema';
import { backfill } from '../src/backfill';
import { CHANNEL_CONNECTORS } from '../src/channelConnectors';

/**
 * `npm run bench:ingest [-- --records 300]`: records per second from a simulator over HTTP, through the
 * channel's client, mapping and intake (with the duplicate filter), to a stored report; one channel
 * alone and all four at once, on PGlite and (with TEST_DATABASE_URL or DATABASE_URL) on PostgreSQL.
 * `--records` is the size: records each simulator holds. The city-scale run is
 * `--records 250000 --backend postgres --runs all` (10⁶ records over the four channels), with progress
 * on stderr and the process's peak memory (the simulators, their clients, intake and the filter all live
 * in this one process, so it is an upper bound of the hub's).
 */
const { values } = parseArgs({
  options: {
    records: { type: 'string', default: '300' },
    backend: { type: 'string' },
    runs: { type: 'string', default: 'one,all' },
  },
});
const recordsPerChannel = Number(values.records);
if (!(Number.isInteger(recordsPerChannel) && recordsPerChannel > 0)) throw new RangeError('--records must be a positive integer');
const runKinds = new Set(values.runs.split(','));
if (![...runKinds].every((kind) => kind === 'one' || kind === 'all')) throw new RangeError('--runs is a list of one (the hotline alone) and all (the four channels at once)');

const HISTORY_START = new Date('2026-11-01T00:00:00Z');
const fast = { ratePerSecond: 10_000, pageSize: 200 };

interface Run {
  backend: TestBackend['kind'];
  channels: ConnectedChannel[];
  records: number;
  reports: number;
  seconds: number;
  recordsPerSecond: number;
  peakRssMiB: number;
}

async function run(backend: TestBackend, channels: ConnectedChannel[]): Promise<Run> {
  const { db, dispose } = await backend.open();
  const simulators = await Promise.all(channels.map((channel) => simulatorHolding(channel, recordsPerChannel)));
  try {
    // Migrations are not part of the rate: a backfill of nothing creates every table first.
    for (const [index, channel] of channels.entries()) await backfill({ channel, db, range: { from: new Date(0), to: new Date(1) }, sourceUrl: simulators[index]!.url, source: fast });
    const startedAt = performance.now();
    const progress = progressLine(`${backend.kind}, ${channels.length === 1 ? channels[0] : 'four channels'}`, channels.length * recordsPerChannel, startedAt);
    const readSoFar = channels.map(() => 0);
    const summaries = await Promise.all(
      channels.map((channel, index) =>
        backfill({
          channel,
          db,
          range: { from: HISTORY_START, to: simulators[index]!.until },
          sourceUrl: simulators[index]!.url,
          source: fast,
          onProgress: (sofar) => {
            readSoFar[index] = sofar.records;
            progress.report(readSoFar.reduce((sum, count) => sum + count, 0));
          },
        }),
      ),
    );
    const peakRss = progress.stop();
    const seconds = (performance.now() - startedAt) / 1000;
    const records = summaries.reduce((sum, summary) => sum + summary.records, 0);
    const reports = await reportCount(db);
    return { backend: backend.kind, channels, records, reports, seconds: round(seconds), recordsPerSecond: round(records / seconds), peakRssMiB: Math.round(peakRss / 2 ** 20) };
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

/** Samples RSS every half second and writes a progress line to stderr at most every 5 s. */
function progressLine(label: string, expected: number, startedAt: number) {
  let peakRss = process.memoryUsage.rss();
  let lastWritten = startedAt;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
  }, 500);
  sampler.unref();
  return {
    report(records: number) {
      const now = performance.now();
      if (now - lastWritten < 5000) return;
      lastWritten = now;
      const seconds = (now - startedAt) / 1000;
      process.stderr.write(
        `${label}: ${records.toLocaleString('en')} of ${expected.toLocaleString('en')} records, ${Math.round(records / seconds)}/s, ${Math.round(seconds)} s, RSS ${Math.round(process.memoryUsage.rss() / 2 ** 20)} MiB\n`,
      );
    },
    stop(): number {
      clearInterval(sampler);
      return Math.max(peakRss, process.memoryUsage.rss());
    },
  };
}

async function reportCount(db: Database): Promise<number> {
  const [row] = await db.query<{ count: number }>('SELECT count(*)::int AS count FROM cases.report');
  return row!.count;
}

const round = (value: number) => Math.round(value * 100) / 100;

async function main() {
  const runs: Run[] = [];
  const backends = testBackends().filter((backend) => !values.backend || backend.kind === values.backend);
  if (backends.length === 0) throw new RangeError(`--backend ${values.backend}: not available (postgres needs TEST_DATABASE_URL or DATABASE_URL)`);
  for (const backend of backends) {
    if (runKinds.has('one')) runs.push(await run(backend, ['HOTLINE']));
    if (runKinds.has('all')) runs.push(await run(backend, [...CONNECTED_CHANNELS]));
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
