import { EventConsumer, migrate, nextPollDelay, outboxFeed, pollFailureLog, publishEvent, testBackends, type Database, type EventFeed, type Sql } from './index';

describe.each(testBackends())('events on $kind', (backend) => {
  let db: Database;
  let dispose: () => Promise<void>;
  beforeEach(async () => {
    ({ db, dispose } = await backend.open());
    await migrate(db, 'producer', []);
    await migrate(db, 'consumer', [{ id: '001_seen', sql: 'CREATE TABLE consumer.seen (event_id uuid PRIMARY KEY, case_id text);' }]);
  });
  afterEach(() => dispose());

  const publish = (n: number) =>
    db.transaction(async (tx) => {
      for (let i = 0; i < n; i++) {
        await publishEvent(tx, 'producer', { type: 'CaseOpened', aggregateId: `c${i}`, payload: { i }, occurredAt: new Date() });
      }
    });

  const consumer = (feed: EventFeed, batchSize = 3) =>
    new EventConsumer({
      db,
      schema: 'consumer',
      name: 'consumer<-producer',
      feed,
      batchSize,
      handle: (tx, event) => tx.query('INSERT INTO consumer.seen VALUES ($1, $2)', [event.eventId, event.aggregateId]).then(() => undefined),
    });

  it('publishes nothing when the transaction rolls back', async () => {
    await expect(
      db.transaction(async (tx) => {
        await publishEvent(tx, 'producer', { type: 'X', aggregateId: 'a', payload: {}, occurredAt: new Date() });
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await outboxFeed(db, 'producer').read(0, 10)).toEqual([]);
  });

  it('applies every event once, in order, across batches', async () => {
    await publish(7);
    const reader = consumer(outboxFeed(db, 'producer'));
    expect(await reader.drain()).toBe(7);
    expect(await reader.drain()).toBe(0);
    const seen = await db.query<{ case_id: string }>('SELECT case_id FROM consumer.seen');
    expect(seen.map((row) => row.case_id).sort()).toEqual(['c0', 'c1', 'c2', 'c3', 'c4', 'c5', 'c6']);
    expect(await reader.position()).toBe(7);
  });

  it('applies each event once between two replicas of one consumer reading at the same moment', async () => {
    await migrate(db, 'replicas', [{ id: '001_applied', sql: 'CREATE TABLE replicas.applied (event_id uuid NOT NULL, replica text NOT NULL);' }]);
    await publish(10);
    const producer = outboxFeed(db, 'producer');
    // Both replicas read the same events before either applies them, as two processes polling at once do.
    let reading = 0;
    let bothRead!: () => void;
    const together = new Promise<void>((resolve) => (bothRead = resolve));
    const feed: EventFeed = {
      async read(after, limit) {
        const events = await producer.read(after, limit);
        if (++reading === 2) bothRead();
        await Promise.race([together, new Promise((resolve) => setTimeout(resolve, 200))]);
        return events;
      },
    };
    const replica = (id: string) =>
      new EventConsumer({
        db,
        schema: 'consumer',
        name: 'consumer<-producer',
        feed,
        batchSize: 4,
        handle: (tx, event) => tx.query('INSERT INTO replicas.applied VALUES ($1, $2)', [event.eventId, id]).then(() => undefined),
      });
    const [a, b] = [replica('a'), replica('b')];
    const applied = await Promise.all([a.drain(), b.drain()]);
    expect(applied[0] + applied[1]).toBe(10);
    const rows = await db.query<{ n: number; distinct_events: number }>('SELECT count(*) AS n, count(DISTINCT event_id) AS distinct_events FROM replicas.applied');
    expect(rows[0]).toEqual({ n: 10, distinct_events: 10 });
    expect(await a.position()).toBe(10);
  });

  it('resumes after a crash mid-batch with no gap and no duplicate', async () => {
    await publish(5);
    const real = outboxFeed(db, 'producer');
    let reads = 0;
    // The second batch "crashes" while being applied: its effects and checkpoint must both roll back.
    const crashing = consumer(
      {
        read: async (after, limit) => {
          const events = await real.read(after, limit);
          if (++reads === 2) return [...events, { ...events[0]!, eventId: events[0]!.eventId }];
          return events;
        },
      },
      3,
    );
    await expect(crashing.drain()).rejects.toMatchObject({ code: '23505' });
    expect(await crashing.position()).toBe(3);
    expect(await consumer(real, 3).drain()).toBe(2);
    expect(await db.query('SELECT count(*)::int AS n FROM consumer.seen')).toEqual([{ n: 5 }]);
  });
});

describe('polling an idle feed', () => {
  it('doubles the wait while the feed is idle, up to the idle limit, and snaps back when events come', () => {
    const waits: number[] = [];
    let wait = 50;
    for (const applied of [0, 0, 0, 0, 0, 0, 0, 3, 0]) {
      wait = nextPollDelay(wait, applied, 50, 1000);
      waits.push(wait);
    }
    expect(waits).toEqual([100, 200, 400, 800, 1000, 1000, 1000, 50, 100]);
    // an idle limit below the poll interval never makes polling faster
    expect(nextPollDelay(200, 0, 200, 100)).toBe(200);
  });
});

describe.each(testBackends())('a polling consumer on $kind', (backend) => {
  let db: Database;
  let dispose: () => Promise<void>;
  beforeEach(async () => {
    ({ db, dispose } = await backend.open());
    await migrate(db, 'producer', []);
    await migrate(db, 'consumer', [{ id: '001_seen', sql: 'CREATE TABLE consumer.seen (event_id uuid PRIMARY KEY, case_id text);' }]);
  });
  afterEach(() => dispose());

  const publishOne = (caseId: string) =>
    db.transaction((tx) => publishEvent(tx, 'producer', { type: 'CaseOpened', aggregateId: caseId, payload: {}, occurredAt: new Date() }));
  const seen = async () => (await db.query<{ case_id: string }>('SELECT case_id FROM consumer.seen ORDER BY case_id')).map((row) => row.case_id);
  const until = async (condition: () => Promise<boolean>) => {
    for (let tries = 0; tries < 1000 && !(await condition()); tries++) await new Promise((resolve) => setTimeout(resolve, 10));
  };

  it('applies a batch at once with handleBatch, in the checkpoint’s transaction', async () => {
    for (const caseId of ['a', 'b', 'c', 'd', 'e']) await publishOne(caseId);
    const batches: number[] = [];
    const reader = new EventConsumer({
      db,
      schema: 'consumer',
      name: 'batched',
      feed: outboxFeed(db, 'producer'),
      batchSize: 2,
      handleBatch: async (tx, events) => {
        batches.push(events.length);
        for (const event of events) await tx.query('INSERT INTO consumer.seen VALUES ($1, $2)', [event.eventId, event.aggregateId]);
      },
    });
    expect(await reader.drain()).toBe(5);
    expect(batches).toEqual([2, 2, 1]);
    expect(await seen()).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(await reader.position()).toBe(5);
  });

  it('backs off while idle, picks events up again, and polls at once when woken', async () => {
    const reader = new EventConsumer({
      db,
      schema: 'consumer',
      name: 'polling',
      // a feed from another process: no commit signal, only polling and explicit wake-ups
      feed: { read: (after, limit) => outboxFeed(db, 'producer').read(after, limit) },
      pollMs: 10,
      idlePollMs: 60_000,
      handle: (tx, event) => tx.query('INSERT INTO consumer.seen VALUES ($1, $2)', [event.eventId, event.aggregateId]).then(() => undefined),
    });
    reader.start();
    try {
      await until(async () => reader.currentDelayMs >= 2_560);
      // idle: 10, 20, 40 … ms — 9 polls in 2.6 s reach a wait of 2.56 s, where 10 ms polling would have made ~260
      const pollsWhenIdle = reader.pollCount;
      expect(pollsWhenIdle).toBeLessThan(13);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(reader.pollCount).toBe(pollsWhenIdle);

      // a wake-up ends the wait: the pending poll is still ~2.2 s away, and the event is applied well before it
      await publishOne('woken');
      const wokenAt = Date.now();
      reader.wake();
      await until(async () => (await seen()).includes('woken'));
      expect(Date.now() - wokenAt).toBeLessThan(1_500);
      expect(await seen()).toEqual(['woken']);
      // and the back-off starts again from 10 ms (it doubles on each empty poll after, so not exactly 10 by now)
      expect(reader.currentDelayMs).toBeLessThan(1_280);
    } finally {
      await reader.stop();
    }
  });
  it('is woken by its producer committing in this process, and not by a rollback', async () => {
    const reader = new EventConsumer({
      db,
      schema: 'consumer',
      name: 'signalled',
      feed: outboxFeed(db, 'producer'),
      pollMs: 10,
      // idle, it backs off towards an hour between polls: only the commit signal can bring it back soon
      idlePollMs: 3_600_000,
      handle: (tx, event) => tx.query('INSERT INTO consumer.seen VALUES ($1, $2)', [event.eventId, event.aggregateId]).then(() => undefined),
    });
    reader.start();
    try {
      await until(async () => reader.currentDelayMs >= 2_560);
      const pollsWhenIdle = reader.pollCount;
      await expect(
        db.transaction(async (tx) => {
          await publishEvent(tx, 'producer', { type: 'CaseOpened', aggregateId: 'rolled-back', payload: {}, occurredAt: new Date() });
          throw new Error('rolled back');
        }),
      ).rejects.toThrow('rolled back');
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(reader.pollCount).toBe(pollsWhenIdle);

      const committedAt = Date.now();
      await publishOne('committed');
      await until(async () => (await seen()).includes('committed'));
      expect(await seen()).toEqual(['committed']);
      expect(Date.now() - committedAt).toBeLessThan(2_000);
    } finally {
      await reader.stop();
    }
  });

  it('counts its failed polls in a row, starting again after one that succeeds', async () => {
    const failures: number[] = [];
    let reads = 0;
    const reader = new EventConsumer({
      db,
      schema: 'consumer',
      name: 'flaky',
      feed: {
        read: async (after, limit) => {
          reads += 1;
          if (reads === 1 || reads === 2 || reads === 4) throw new Error('fetch failed: read ECONNRESET');
          return outboxFeed(db, 'producer').read(after, limit);
        },
      },
      pollMs: 10,
      idlePollMs: 10,
      onError: (_error, inARow) => failures.push(inARow),
      handle: async () => undefined,
    });
    reader.start();
    try {
      await until(async () => reads >= 5);
    } finally {
      await reader.stop();
    }
    expect(failures).toEqual([1, 2, 1]);
  });

  it('reads a burst of commits in batches, not once per commit', async () => {
    const reader = new EventConsumer({
      db,
      schema: 'consumer',
      name: 'bursty',
      feed: outboxFeed(db, 'producer'),
      pollMs: 200,
      handle: (tx, event) => tx.query('INSERT INTO consumer.seen VALUES ($1, $2)', [event.eventId, event.aggregateId]).then(() => undefined),
    });
    reader.start();
    try {
      await until(async () => reader.pollCount >= 1);
      const before = reader.pollCount;
      const started = Date.now();
      for (let i = 0; i < 30; i++) await publishOne(`burst-${String(i).padStart(2, '0')}`);
      await until(async () => (await seen()).length === 30);
      const elapsed = Date.now() - started;
      // one poll per 200 ms interval at most (plus the one under way), never one per commit
      expect(reader.pollCount - before).toBeLessThanOrEqual(Math.ceil(elapsed / 200) + 2);
      expect(reader.pollCount - before).toBeLessThan(30);
    } finally {
      await reader.stop();
    }
  });
});

// Only a server has concurrent transactions (PGlite runs one at a time); CI always sets one.
const servers = testBackends().filter((backend) => backend.kind === 'postgres');
(servers.length ? describe.each(servers) : describe.skip.each([{ kind: 'postgres' }]))('outbox locking on $kind', (backend) => {
  it('lets two writers that lock rows in opposite orders both commit, in commit order', async () => {
    const { db, dispose } = await (backend as ReturnType<typeof testBackends>[number]).open();
    try {
      await migrate(db, 'producer', [{ id: '001_rows', sql: "CREATE TABLE producer.item (id text PRIMARY KEY, n int NOT NULL);\nINSERT INTO producer.item VALUES ('a', 0), ('b', 0);" }]);
      const event = (aggregateId: string) => ({ type: 'ItemChanged', aggregateId, payload: {}, occurredAt: new Date() });
      let firstHasPublished!: () => void;
      const published = new Promise<void>((resolve) => (firstHasPublished = resolve));
      let secondHoldsB!: () => void;
      const holdsB = new Promise<void>((resolve) => (secondHoldsB = resolve));
      // a consumer's batch: row a, an event, then row b
      const first = db.transaction(async (tx) => {
        await tx.query("UPDATE producer.item SET n = n + 1 WHERE id = 'a'");
        await publishEvent(tx, 'producer', event('a'));
        firstHasPublished();
        await holdsB;
        await tx.query("UPDATE producer.item SET n = n + 1 WHERE id = 'b'");
      });
      await published;
      // intake: row b, then its event. Had the first writer taken the outbox lock when it published,
      // each would now wait for the other (PostgreSQL: "deadlock detected").
      const second = db.transaction(async (tx) => {
        await tx.query("UPDATE producer.item SET n = n + 1 WHERE id = 'b'");
        secondHoldsB();
        await publishEvent(tx, 'producer', event('b'));
      });
      await Promise.all([first, second]);
      expect(await db.query('SELECT id, n FROM producer.item ORDER BY id')).toEqual([
        { id: 'a', n: 1 },
        { id: 'b', n: 2 },
      ]);
      // the second committed first, so its event comes first
      expect((await outboxFeed(db, 'producer').read(0, 10)).map((stored) => stored.aggregateId)).toEqual(['b', 'a']);
    } finally {
      await dispose();
    }
  });

  it('numbers events in commit order, however early in its transaction a writer inserted them', async () => {
    const { db, dispose } = await (backend as ReturnType<typeof testBackends>[number]).open();
    try {
      await migrate(db, 'producer', []);
      const insert = (tx: Sql, aggregateId: string) =>
        tx.query("INSERT INTO producer.outbox (type, aggregate_id, payload, occurred_at) VALUES ('ItemChanged', $1, '{}', now())", [aggregateId]);
      let earlyHasInserted!: () => void;
      const inserted = new Promise<void>((resolve) => (earlyHasInserted = resolve));
      let lateHasCommitted!: () => void;
      const committed = new Promise<void>((resolve) => (lateHasCommitted = resolve));
      // inserts first (drawing the lower seq), commits last
      const early = db.transaction(async (tx) => {
        await insert(tx, 'early-1');
        await insert(tx, 'early-2');
        earlyHasInserted();
        await committed;
      });
      await inserted;
      await db.transaction(async (tx) => insert(tx, 'late'));
      lateHasCommitted();
      await early;
      const feed = await outboxFeed(db, 'producer').read(0, 10);
      expect(feed.map((stored) => stored.aggregateId)).toEqual(['late', 'early-1', 'early-2']);
      // a reader that had read 'late' and checkpointed at its seq still finds the early ones after it
      expect((await outboxFeed(db, 'producer').read(feed[0]!.seq, 10)).map((stored) => stored.aggregateId)).toEqual(['early-1', 'early-2']);
    } finally {
      await dispose();
    }
  });
});

describe('a failing poll', () => {
  it('warns while the fault may pass and reports an error once it has failed three polls in a row', () => {
    const said: string[] = [];
    const log = { warn: (_: unknown, message: string) => said.push(`warn ${message}`), error: (_: unknown, message: string) => said.push(`error ${message}`) };
    const report = pollFailureLog(log as never, 'reading the cases feed');
    for (const failures of [1, 2, 3, 4]) report(new Error('read ECONNRESET'), failures);
    expect(said).toEqual(['warn %s failed; retrying', 'warn %s failed; retrying', 'error %s failed %d times in a row; retrying', 'error %s failed %d times in a row; retrying']);
  });
});
