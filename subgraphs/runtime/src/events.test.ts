import { EventConsumer, migrate, outboxFeed, publishEvent, testBackends, type Database, type EventFeed } from './index';

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
