import { join } from 'node:path';
import { ManualClock, migrate, testBackends, type Database } from '@huying/runtime';
import type { ReportInput } from '@huying/schema';
import type { ChannelAdapter, SourcePage } from './adapter';
import { ConnectorStore } from './connectorStore';
import type { Intake } from './intakeClient';
import { connectorMigrations } from './kitMigrations';
import { Puller } from './puller';
import type { SourceClient } from './sourceClient';

/** A legacy system's record in its simplest form: an id, a text, a time (a bad time cannot be mapped). */
interface Row {
  id: string;
  text: string;
  at: string;
}

/**
 * A source of `rows`, paged two at a time by offset; fails once when `failAt` is the offset asked for; each
 * page waits for `answered` (a slow legacy system).
 */
function source(rows: Row[], failAt: number | null = null, answered: Promise<void> = Promise.resolve()): ChannelAdapter<Row> & { asked: (string | null)[] } {
  let failed = false;
  const asked: (string | null)[] = [];
  return {
    channel: 'GRID',
    asked,
    async fetchPage(_client: SourceClient, checkpoint: string | null): Promise<SourcePage<Row>> {
      asked.push(checkpoint);
      await answered;
      const offset = checkpoint ? Number(checkpoint) : 0;
      if (offset === failAt && !failed) {
        failed = true;
        throw new Error('the source went away');
      }
      const page = rows.slice(offset, offset + 2);
      return { records: page, next: String(offset + page.length), hasMore: offset + page.length < rows.length };
    },
    sourceIdOf: (row) => row.id,
    map(row) {
      if (Number.isNaN(Date.parse(row.at))) return { ok: false, reason: `at "${row.at}" is not a time` };
      const report: ReportInput = { channel: 'GRID', sourceId: row.id, receivedAt: row.at, text: row.text, address: '江岸区台北路' };
      return { ok: true, report, native: { id: row.id } };
    },
  };
}

/** Intake that takes everything and remembers what it was sent. */
function recordingIntake(): Intake & { sent: string[] } {
  const sent: string[] = [];
  return {
    sent,
    async submit(reports) {
      sent.push(...reports.map((report) => report.sourceId));
      return reports.map((report) => ({ ok: true, outcome: 'NEW_CASE', reportId: `r-${report.sourceId}` }));
    },
  };
}

const row = (n: number, at = '2026-11-20T10:00:00+08:00'): Row => ({ id: `G-${n}`, text: `台北路${n}号门口占道经营`, at });

describe.each(testBackends())('the puller on $kind', (backend) => {
  let db: Database;
  let dispose: () => Promise<void>;
  let store: ConnectorStore;
  const clock = new ManualClock('2026-11-20T04:00:00Z');
  beforeEach(async () => {
    ({ db, dispose } = await backend.open());
    await db.exec('CREATE SCHEMA IF NOT EXISTS kit_test');
    await migrate(db, 'kit_test', connectorMigrations('kit_test'));
    store = new ConnectorStore('kit_test', 'GRID');
  });
  afterEach(() => dispose());
  const pullerOf = (adapter: ChannelAdapter<Row>, intake: Intake) => new Puller<Row>({ adapter, client: {} as SourceClient, store, db, clock, intake });

  it('resumes after a failed page from the checkpoint of the last page it stored: no page skipped, none sent twice', async () => {
    const adapter = source([1, 2, 3, 4, 5].map((n) => row(n)), 2);
    const intake = recordingIntake();
    const puller = pullerOf(adapter, intake);
    await expect(puller.pullOnce()).rejects.toThrow('the source went away');
    expect((await store.state(db)).checkpoint).toBe('2');
    await puller.pullOnce();
    expect(adapter.asked).toEqual([null, '2', '2', '4']);
    expect(intake.sent).toEqual(['G-1', 'G-2', 'G-3', 'G-4', 'G-5']);
    expect((await store.state(db)).checkpoint).toBe('5');
  });

  it('stores a page holding a record and its later version in order, and counts content seen before as unchanged', async () => {
    const puller = pullerOf(source([]), recordingIntake());
    const first = row(1);
    const later = { ...first, text: '台北路1号门口占道经营，今天更严重了' };
    // G-1, then its later version and G-2, then G-1's first content again (a legacy system resending an old version).
    expect(await puller.ingest([first, later, row(2), first], '4')).toEqual({ taken: 2, updated: 1, unchanged: 1, deadLettered: 0 });
    const stored = await store.undelivered(db, 10);
    expect(stored.map((record) => [record.sourceId, record.revision, record.report.text])).toEqual([
      ['G-1', 2, later.text],
      ['G-2', 1, row(2).text],
    ]);
    expect(await puller.ingest([later, row(2)], '4')).toEqual({ taken: 0, updated: 0, unchanged: 2, deadLettered: 0 });
  });

  it('dead-letters a record it cannot map once, counts the same record failing again, and takes it after a fix', async () => {
    const broken = row(2, 'yesterday-ish');
    const intake = recordingIntake();
    const puller = pullerOf(source([row(1), broken, row(3)]), intake);
    expect(await puller.ingest([row(1), broken, row(3)], '3')).toMatchObject({ taken: 2, deadLettered: 1 });
    expect(await puller.ingest([broken], '3')).toMatchObject({ taken: 0, deadLettered: 0 });
    const [letter] = await store.deadLetters(db, 10, null);
    expect(letter).toMatchObject({ sourceId: 'G-2', attempts: 2, reason: 'at "yesterday-ish" is not a time', resolvedAt: null });
    expect(await store.countDeadLetters(db)).toBe(1);

    const again = await puller.retryDeadLetter(letter!.id);
    expect(again).toMatchObject({ ok: false, reason: 'at "yesterday-ish" is not a time' });
    const fixed = await puller.retryDeadLetter(letter!.id, { ...broken, at: '2026-11-20T11:00:00+08:00' });
    expect(fixed).toMatchObject({ ok: true, sourceId: 'G-2' });
    expect(await store.countDeadLetters(db)).toBe(0);
    expect(intake.sent).toContain('G-2');
  });

  it('lets one replica pull a channel at a time, and takes over once a killed replica’s claim lapses', async () => {
    const rows = [1, 2, 3].map((n) => row(n));
    let answer!: () => void;
    const adapter = source(rows, null, new Promise<void>((resolve) => (answer = resolve)));
    const intake = recordingIntake();
    // One replica's pull waits for the legacy system's first page; the other's comes meanwhile and skips.
    const first = pullerOf(adapter, intake).pullOnce();
    while (adapter.asked.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(await pullerOf(adapter, intake).pullOnce()).toMatchObject({ pulledElsewhere: true, pages: 0 });
    answer();
    expect(await first).toMatchObject({ pulledElsewhere: false, pages: 2 });
    expect(adapter.asked).toEqual([null, '2']);
    expect(intake.sent).toEqual(['G-1', 'G-2', 'G-3']);

    // A replica killed mid-pull never released its claim: the others wait for it to lapse, then pull.
    rows.push(row(4), row(5));
    expect(await store.claimPull(db, 'killed-replica', 2_000)).toBe(true);
    expect(await pullerOf(adapter, intake).pullOnce()).toMatchObject({ pulledElsewhere: true, pages: 0 });
    expect(adapter.asked).toEqual([null, '2']);
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    expect(await pullerOf(adapter, intake).pullOnce()).toMatchObject({ pulledElsewhere: false, pages: 1, taken: 2 });
    expect(intake.sent).toEqual(['G-1', 'G-2', 'G-3', 'G-4', 'G-5']);
  });
});
