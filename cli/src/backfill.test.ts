import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { SimulatedFeed } from '@huying/connector-kit';
import { resetSchemas } from '@huying/connector-kit/testing';
import { startHotlineSimulator, ticketOf } from '@huying/connector-hotline';
import { ManualClock, openDatabase, testBackends, type Database } from '@huying/runtime';
import { backfill, type BackfillProgress } from './backfill';
import { parseBackfillArgs } from './backfillArgs';

const quick = { pageSize: 7, ratePerSecond: 1000, backoff: { baseDelayMs: 5, maxDelayMs: 20, maxAttempts: 4 } };
const historyStart = new Date('2026-11-01T00:00:00Z');
const range = { from: new Date('2026-11-02T00:00:00Z'), to: new Date('2026-11-04T00:00:00Z') };

async function reportsOf(db: Database, channel: string): Promise<string[]> {
  const rows = await db.query<{ source_id: string }>('SELECT source_id FROM cases.report WHERE channel = $1 ORDER BY source_id', [channel]);
  return rows.map((row) => row.source_id);
}

describe.each(testBackends())('backfill on $kind', (backend) => {
  let db: Database;
  let dispose: () => Promise<void>;

  beforeAll(async () => {
    ({ db, dispose } = await backend.open());
  });
  afterAll(() => dispose());
  beforeEach(async () => {
    await resetSchemas(db, ['cases', 'hotline', 'grid']);
  });

  it('takes exactly the range of a real source over HTTP, reports progress, and is idempotent when run again', async () => {
    const clock = new ManualClock('2026-11-06T00:00:00Z');
    const simulator = await startHotlineSimulator({ clock, seed: 7, start: historyStart, meanIssueGapMs: 90 * 60_000, malformedEvery: 6 });
    try {
      const feed = simulator.feed as SimulatedFeed;
      const inRange = feed.entries().filter((entry) => entry.at >= range.from && entry.at < range.to);
      const sound = new Set(inRange.filter((entry) => !entry.malformed).map((entry) => ticketOf(entry).gdbh));
      const malformed = inRange.filter((entry) => entry.malformed).length;
      expect(malformed).toBeGreaterThan(0);
      expect(feed.entries().length).toBeGreaterThan(inRange.length);

      const progress: BackfillProgress[] = [];
      const summary = await backfill({ channel: 'HOTLINE', range, db, sourceUrl: simulator.url, source: quick, clock, onProgress: (step) => progress.push(step) });

      expect(summary).toMatchObject({ channel: 'HOTLINE', simulated: false, records: inRange.length, total: inRange.length, deadLettered: malformed, taken: sound.size });
      expect(summary.taken + summary.updated + summary.unchanged + summary.deadLettered).toBe(inRange.length);
      expect(summary.pages).toBe(Math.ceil(inRange.length / quick.pageSize));
      expect(progress.length).toBe(summary.pages);
      expect(progress.map((step) => step.records)).toEqual([...progress.map((step) => step.records)].sort((a, b) => a - b));
      expect(progress.at(-1)!.records).toBe(inRange.length);
      // Only the range: every sound record of it, nothing from before or after.
      expect(await reportsOf(db, 'HOTLINE')).toEqual([...sound].sort());
      const [letters] = await db.query<{ count: number }>('SELECT count(*)::int AS count FROM hotline.dead_letter WHERE resolved_at IS NULL');
      expect(letters!.count).toBe(malformed);

      const again = await backfill({ channel: 'HOTLINE', range, db, sourceUrl: simulator.url, source: quick, clock });
      expect(again).toMatchObject({ taken: 0, updated: 0, deadLettered: 0, records: inRange.length });
      expect(await reportsOf(db, 'HOTLINE')).toEqual([...sound].sort());
    } finally {
      await simulator.close();
    }
  });

  it('starts the channel simulator itself when no source is configured', async () => {
    const clock = new ManualClock('2026-11-21T00:00:00Z');
    const summary = await backfill({ channel: 'GRID', range: { from: new Date('2026-11-10T00:00:00Z'), to: new Date('2026-11-10T12:00:00Z') }, db, clock });
    expect(summary.simulated).toBe(true);
    expect(summary.sourceUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(summary.taken).toBeGreaterThan(5);
    expect((await reportsOf(db, 'GRID')).length).toBe(summary.taken);
    // The grid platform's numbering: WG + eight digits (see gridReportOf).
    expect((await reportsOf(db, 'GRID'))[0]).toMatch(/^WG\d{8}$/);
  });
});

describe('huying backfill arguments', () => {
  it('reads Beijing dates, --to taking its whole day', () => {
    const request = parseBackfillArgs(['--channel', 'hotline', '--from', '2026-11-01', '--to', '2026-11-15']);
    expect(request.channel).toBe('HOTLINE');
    expect(request.range.from.toISOString()).toBe('2026-10-31T16:00:00.000Z');
    expect(request.range.to.toISOString()).toBe('2026-11-15T16:00:00.000Z');
  });

  it('says what is wrong with bad arguments', () => {
    expect(() => parseBackfillArgs(['--channel', 'FAX', '--from', '2026-11-01', '--to', '2026-11-02'])).toThrow(/--channel must be one of HOTLINE/);
    expect(() => parseBackfillArgs(['--channel', 'GRID', '--from', '2026-11-05', '--to', '2026-11-02'])).toThrow('--from must be before --to');
    expect(() => parseBackfillArgs(['--channel', 'GRID', '--from', 'yesterday', '--to', '2026-11-02'])).toThrow(/--from "yesterday" is not a date/);
    expect(() => parseBackfillArgs(['--channel', 'GRID', '--to', '2026-11-02'])).toThrow('--from is required');
  });
});

describe('the huying bin', () => {
  it('backfills from the embedded simulator into a PGlite folder and prints its summary', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'huying-backfill-'));
    try {
      const bin = join(__dirname, '..', 'bin', 'huying.js');
      const { stdout } = await promisify(execFile)(process.execPath, [bin, 'backfill', '--channel', 'MESSAGE_BOARD', '--from', '2026-11-10 08:00', '--to', '2026-11-10 14:00', '--json'], {
        env: { ...process.env, HUYING_DATA: dataDir, DATABASE_URL: '', HUYING_MESSAGE_BOARD_URL: '', LOG_LEVEL: 'silent', NODE_OPTIONS: '' },
        timeout: 120_000,
      });
      const summary = JSON.parse(stdout) as { taken: number; simulated: boolean; channel: string };
      expect(summary).toMatchObject({ channel: 'MESSAGE_BOARD', simulated: true });
      expect(summary.taken).toBeGreaterThan(0);
      const db = await openDatabase({ dataDir });
      try {
        expect(await reportsOf(db, 'MESSAGE_BOARD')).toHaveLength(summary.taken);
      } finally {
        await db.close();
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 150_000);
});
