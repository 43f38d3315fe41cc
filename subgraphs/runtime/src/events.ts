import { settings } from './config';
import { gatewayHeaders } from './gatewayTrust';
import type { Database, Sql } from './database';
import type { Logger } from './logger';
import { OUTBOX_CHANNEL, onOutboxCommitted, signalOutboxCommitted } from './outboxSignal';

/** Something that happened in a service, published for the others (who never read its tables). */
export interface DomainEvent<Payload = Record<string, unknown>> {
  type: string;
  aggregateId: string;
  payload: Payload;
  occurredAt: Date;
}

export interface StoredEvent<Payload = Record<string, unknown>> extends DomainEvent<Payload> {
  /** Position in the producer's log; strictly increasing. */
  seq: number;
  eventId: string;
}

/**
 * Appends to the service's outbox inside the caller's transaction, so the event exists iff the change
 * does. The rows are written as the transaction's last work, and take their final seq at COMMIT, under
 * an advisory lock held to the end of the commit (`001_runtime_outbox_commit_order`):
 * - sequence order is then commit order (without it a reader could see seq 7 committed before seq 6,
 *   move its checkpoint past 6 and never see it);
 * - taking that lock last means no transaction waits for a row while holding it, so two writers that
 *   lock rows in different orders (intake and a consumer's batch) cannot deadlock through it.
 */
export async function publishEvent(tx: Sql, schema: string, event: DomainEvent): Promise<void> {
  if (!tx.beforeCommit) {
    await appendToOutbox(tx, schema, [event]);
    signalOutboxCommitted(schema);
    return;
  }
  let pending = pendingEvents.get(tx);
  if (!pending) {
    pending = new Map();
    pendingEvents.set(tx, pending);
    const queued = pending;
    tx.beforeCommit(async (sql) => {
      for (const [queuedSchema, events] of queued) await appendToOutbox(sql, queuedSchema, events);
    });
  }
  const events = pending.get(schema);
  if (events) events.push(event);
  else {
    pending.set(schema, [event]);
    tx.afterCommit?.(() => signalOutboxCommitted(schema));
  }
}

/** Events published in a transaction not yet committed, by outbox schema, in publishing order. */
const pendingEvents = new WeakMap<Sql, Map<string, DomainEvent[]>>();

/**
 * Appends, and in the same statement asks the server to tell every process listening on OUTBOX_CHANNEL
 * which outbox changed: PostgreSQL delivers the notification only once the transaction commits, so a
 * consumer in another replica wakes for committed events only (`relayOutboxNotifications`).
 */
async function appendToOutbox(sql: Sql, schema: string, events: readonly DomainEvent[]): Promise<void> {
  await sql.query(
    `WITH appended AS (
       INSERT INTO ${schema}.outbox (type, aggregate_id, payload, occurred_at)
       SELECT type, aggregate_id, payload, occurred_at
         FROM unnest($1::text[], $2::text[], $3::jsonb[], $4::timestamptz[]) WITH ORDINALITY AS e(type, aggregate_id, payload, occurred_at, n)
        ORDER BY n
       RETURNING 1)
     SELECT pg_notify('${OUTBOX_CHANNEL}', $5)`,
    [events.map((event) => event.type), events.map((event) => event.aggregateId), events.map((event) => JSON.stringify(event.payload)), events.map((event) => event.occurredAt), schema],
  );
}

/** A producer's log as consumers read it: everything after a position, in order. */
export interface EventFeed {
  read(after: number, limit: number): Promise<StoredEvent[]>;
  /** Calls `listener` when the producer (in this process) has just appended; returns the unsubscribe. */
  onAppend?(listener: () => void): () => void;
}

interface OutboxRow {
  seq: number;
  event_id: string;
  type: string;
  aggregate_id: string;
  payload: Record<string, unknown>;
  occurred_at: Date;
}

/** The producer's side of its feed (served over HTTP by its subgraph server). */
export function outboxFeed(db: Sql, schema: string): EventFeed {
  return {
    async read(after, limit) {
      const rows = await db.query<OutboxRow>(
        `SELECT seq, event_id, type, aggregate_id, payload, occurred_at FROM ${schema}.outbox
          WHERE seq > $1
          ORDER BY seq LIMIT $2`,
        [after, limit],
      );
      return rows.map((row) => ({
        seq: row.seq,
        eventId: row.event_id,
        type: row.type,
        aggregateId: row.aggregate_id,
        payload: row.payload,
        occurredAt: new Date(row.occurred_at),
      }));
    },
    onAppend: (listener) => onOutboxCommitted(() => schema, listener),
  };
}

/**
 * A feed served by another service at `GET {base}/events?after=&limit=`. `producerSchema` names its outbox
 * so consumers are woken on each commit: in this process (the embedded hub) directly, from another
 * process through the database's notifications (`relayOutboxNotifications`).
 */
export function httpEventFeed(baseUrl: () => string | undefined, producerSchema?: () => string | undefined): EventFeed {
  return {
    onAppend: producerSchema ? (listener) => onOutboxCommitted(producerSchema, listener) : undefined,
    async read(after, limit) {
      const base = baseUrl();
      if (!base) return [];
      const response = await fetch(`${base}/events?after=${after}&limit=${limit}`, { headers: gatewayHeaders(undefined) });
      if (!response.ok) throw new Error(`event feed ${base} answered ${response.status}`);
      const body = (await response.json()) as { events: (Omit<StoredEvent, 'occurredAt'> & { occurredAt: string })[] };
      return body.events.map((event) => ({ ...event, occurredAt: new Date(event.occurredAt) }));
    },
  };
}

export interface EventConsumerOptions {
  db: Database;
  /** The consuming service's schema, where its checkpoint lives. */
  schema: string;
  /** Names this subscription, e.g. `dispatch<-cases`. */
  name: string;
  feed: EventFeed;
  /** Applies one event; runs in the same transaction that advances the checkpoint. */
  handle?(tx: Sql, event: StoredEvent): Promise<void>;
  /**
   * Applies a whole batch at once, instead of `handle` event by event (a consumer that can share work
   * across events, e.g. recompute each touched row once); same transaction as the checkpoint.
   */
  handleBatch?(tx: Sql, events: readonly StoredEvent[]): Promise<void>;
  batchSize?: number;
  /** Called once a batch this replica applied has committed (a read model's cache moves on to the new state). */
  onApplied?(events: number): void;
  /** The wait between polls while the feed has events (default 200 ms). */
  pollMs?: number;
  /**
   * The longest wait between polls of an idle feed (default HUYING_IDLE_POLL_MS, else 10 × pollMs, at least 1 s). Each poll that
   * finds nothing doubles the wait up to this; one that finds events snaps it back to `pollMs`.
   */
  idlePollMs?: number;
  /** A poll failed; it is retried at the next poll. `failures` counts this one and those in a row before it. */
  onError?(error: unknown, failures: number): void;
}

/**
 * Reports a consumer's failed poll: a warning while it may be a passing fault (a connection reset, a
 * restarting producer), an error once `persistentAfter` polls in a row have failed.
 */
export function pollFailureLog(log: Logger, what: string, persistentAfter = 3): (error: unknown, failures: number) => void {
  return (error, failures) => {
    if (failures >= persistentAfter) log.error({ err: error, failures }, '%s failed %d times in a row; retrying', what, failures);
    else log.warn({ err: error, failures }, '%s failed; retrying', what);
  };
}

/** The wait before the next poll: `pollMs` after events, doubling while the feed stays idle, up to `idlePollMs`. */
export function nextPollDelay(previous: number, applied: number, pollMs: number, idlePollMs: number): number {
  if (applied > 0) return pollMs;
  return Math.max(pollMs, Math.min(idlePollMs, previous * 2));
}

/**
 * Reads a feed from its checkpoint on. Each event's effect and the checkpoint commit together, so a
 * crash replays nothing twice and skips nothing.
 */
export class EventConsumer {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;
  private stopped = true;
  private delay: number;
  private readonly pollMs: number;
  private readonly idlePollMs: number;
  private polls = 0;
  private woken = false;
  private unsubscribe: (() => void) | undefined;
  private lastPollAt = 0;
  private failures = 0;

  constructor(private readonly options: EventConsumerOptions) {
    if (!options.handle && !options.handleBatch) throw new Error(`event consumer ${options.name} needs handle or handleBatch`);
    this.pollMs = options.pollMs ?? 200;
    this.idlePollMs = Math.max(this.pollMs, options.idlePollMs ?? settings.idlePollMs ?? Math.max(1000, this.pollMs * 10));
    this.delay = this.pollMs;
  }

  async position(): Promise<number> {
    const rows = await this.options.db.query<{ position: number }>(
      `SELECT position FROM ${this.options.schema}.event_checkpoints WHERE consumer = $1`,
      [this.options.name],
    );
    return rows[0]?.position ?? 0;
  }

  /** Handles everything available now; returns how many events it applied. */
  drain(): Promise<number> {
    this.running ??= this.drainOnce().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /** How many times the polling loop has read the feed since `start()` (what idle polling costs). */
  get pollCount(): number {
    return this.polls;
  }

  /** The wait the polling loop will use next. */
  get currentDelayMs(): number {
    return this.delay;
  }

  start(): void {
    this.stopped = false;
    this.delay = this.pollMs;
    this.unsubscribe = this.options.feed.onAppend?.(() => this.wake());
    void this.tick();
  }

  /**
   * Something was just published to the feed (a hint, e.g. from the producer in the same process):
   * poll now instead of waiting out an idle back-off. Polling alone stays correct without it.
   */
  wake(): void {
    if (this.stopped) return;
    if (!this.timer) {
      // mid-poll: the read may have just missed it, so poll again one interval after
      this.woken = true;
      return;
    }
    // Never sooner than one interval after the last poll: a burst of commits (a bulk intake) is then
    // read in batches, as plain polling would, instead of one poll per commit.
    clearTimeout(this.timer);
    this.delay = this.pollMs;
    this.schedule(Math.max(0, this.lastPollAt + this.pollMs - Date.now()));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => undefined);
  }

  private schedule(wait: number): void {
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.tick();
    }, wait);
  }

  private async tick(): Promise<void> {
    let applied = 0;
    this.polls += 1;
    this.lastPollAt = Date.now();
    try {
      applied = await this.drain();
      this.failures = 0;
    } catch (error) {
      this.failures += 1;
      this.options.onError?.(error, this.failures);
    }
    this.delay = nextPollDelay(this.delay, applied, this.pollMs, this.idlePollMs);
    const wait = this.woken ? Math.min(this.delay, this.pollMs) : this.delay;
    this.woken = false;
    if (!this.stopped) this.schedule(wait);
  }

  private async drainOnce(): Promise<number> {
    const { db, schema, name, feed, handle, handleBatch } = this.options;
    const batchSize = this.options.batchSize ?? 200;
    let applied = 0;
    for (;;) {
      const after = await this.position();
      const events = await feed.read(after, batchSize);
      if (events.length === 0) return applied;
      const claimed = await db.transaction(async (tx) => {
        // Replicas of this consumer read the same position; the first to lock its checkpoint row applies
        // the batch. One that finds the position moved once it holds the lock drops the batch and reads
        // again from there: each event is applied once per consumer, however many replicas run it.
        const [checkpoint] = await tx.query<{ position: number }>(
          `INSERT INTO ${schema}.event_checkpoints (consumer, position) VALUES ($1, 0)
           ON CONFLICT (consumer) DO UPDATE SET consumer = EXCLUDED.consumer
           RETURNING position`,
          [name],
        );
        if (checkpoint!.position !== after) return false;
        if (handleBatch) await handleBatch(tx, events);
        else for (const event of events) await handle!(tx, event);
        await tx.query(`UPDATE ${schema}.event_checkpoints SET position = $2, updated_at = now() WHERE consumer = $1`, [name, events[events.length - 1]!.seq]);
        return true;
      });
      if (!claimed) continue;
      this.options.onApplied?.(events.length);
      applied += events.length;
      if (events.length < batchSize) return applied;
    }
  }
}

/** The consumers of a service that follows several feeds, started, drained and stopped as one. */
export class ConsumerGroup {
  constructor(readonly consumers: readonly EventConsumer[]) {}

  start(): void {
    for (const consumer of this.consumers) consumer.start();
  }

  async stop(): Promise<void> {
    await Promise.all(this.consumers.map((consumer) => consumer.stop()));
  }

  /** Applies everything available now from every feed (tests, catch-up); returns how many events. */
  async drain(): Promise<number> {
    let applied = 0;
    for (const consumer of this.consumers) applied += await consumer.drain();
    return applied;
  }
}
