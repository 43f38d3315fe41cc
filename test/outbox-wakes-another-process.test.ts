import { EventConsumer, migrate, outboxFeed, relayOutboxNotifications, testBackends, type StoredEvent } from '@huying/runtime';
import { publishFromAnotherProcess } from './support/anotherProcess';
import { eventually } from './support/eventually';

/** How long the consumer's idle wait has grown before the other process publishes: far beyond the wake we expect. */
const IDLE_WAIT_MS = 8_000;

// LISTEN/NOTIFY crosses processes only on a server (PGlite lives in one process); CI always sets one.
const servers = testBackends().filter((backend) => backend.kind === 'postgres');
(servers.length ? describe.each(servers) : describe.skip.each([{ kind: 'postgres' }]))('an outbox commit in another process on $kind', (backend) => {
  it('wakes an idle consumer here at once, instead of after its idle wait', async () => {
    const { db, url, dispose } = await (backend as ReturnType<typeof testBackends>[number]).open();
    const handled: { event: StoredEvent; at: number }[] = [];
    const consumer = new EventConsumer({
      db,
      schema: 'wake_consumer',
      name: 'wake_consumer<-wake_producer',
      feed: outboxFeed(db, 'wake_producer'),
      pollMs: 100,
      idlePollMs: 60_000,
      handle: async (_tx, event) => void handled.push({ event, at: Date.now() }),
    });
    const stopRelay = await relayOutboxNotifications(db);
    try {
      await migrate(db, 'wake_producer', []);
      await migrate(db, 'wake_consumer', []);
      consumer.start();
      // Polling finds nothing: its wait doubles up to the idle wait.
      await eventually(async () => consumer.currentDelayMs >= IDLE_WAIT_MS || null, 'the consumer to go idle', 30_000);
      // Just after a poll, the next one is at least the idle wait away: only a wake reads the event sooner.
      const idle = consumer.pollCount;
      await eventually(async () => consumer.pollCount > idle || null, 'the next idle poll', 40_000);
      const polledAt = Date.now();
      await publishFromAnotherProcess(url!, 'wake_producer', 'ping-1');
      await eventually(async () => handled.length === 1 || null, 'the event from the other process', 40_000);
      expect(handled[0]!.event.aggregateId).toBe('ping-1');
      expect(handled[0]!.at - polledAt).toBeLessThan(IDLE_WAIT_MS);
    } finally {
      await consumer.stop();
      await stopRelay();
      await dispose();
    }
  }, 60_000);
});
