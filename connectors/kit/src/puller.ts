import { randomUUID } from 'node:crypto';
import type { Clock, Database, Logger } from '@huying/runtime';
import { describeIssues, escapeUnsafeText, findUnsafeText, validateReport } from '@huying/schema';
import type { ChannelAdapter, TimeRange } from './adapter';
import type { ConnectorStore, DeadLetter, SourceRecord } from './connectorStore';
import type { Intake } from './intakeClient';
import type { SourceClient } from './sourceClient';

export interface IngestSummary {
  /** Records seen for the first time. */
  taken: number;
  /** Records seen before whose content changed (a status, a reply). */
  updated: number;
  /** Records pulled again with nothing new. */
  unchanged: number;
  deadLettered: number;
}

export interface PullSummary extends IngestSummary {
  pages: number;
  delivered: number;
  /** Another replica was pulling this channel: this run fetched nothing and left it to that one. */
  pulledElsewhere: boolean;
}

export interface PullerOptions<Raw> {
  adapter: ChannelAdapter<Raw>;
  client: SourceClient;
  store: ConnectorStore;
  db: Database;
  clock: Clock;
  intake: Intake;
  log?: Logger;
  /** Reports per `submitReports` call (default 100). */
  deliveryBatch?: number;
  /** Pages per run before yielding to the next scheduled run (default 50). */
  maxPagesPerRun?: number;
  /** How long a claim on the channel's pull lasts unless renewed (default `PULL_CLAIM_MS`). */
  claimMs?: number;
}

/**
 * How long a pull's claim on its channel lasts; renewed before every page and every delivery. A replica
 * killed mid-pull holds the channel this long at most, then the next scheduled pull anywhere takes over.
 */
export const PULL_CLAIM_MS = 60_000;

export type DeadLetterRetry = { ok: true; deadLetter: DeadLetter; sourceId: string } | { ok: false; deadLetter: DeadLetter; reason: string };

const emptySummary = (): PullSummary => ({ pages: 0, taken: 0, updated: 0, unchanged: 0, deadLettered: 0, delivered: 0, pulledElsewhere: false });

/**
 * One channel's pull: page after page from the checkpoint, each page stored with its new checkpoint in
 * one transaction, then handed to intake from the store (an outbox). A crash anywhere resumes from what
 * was committed: no page is skipped, and a record intake already has is not sent again.
 */
export class Puller<Raw> {
  private running: Promise<PullSummary> | null = null;
  /** This puller's name in the channel's claim (one per process: replicas pull one at a time). */
  private readonly holder = randomUUID();

  constructor(private readonly options: PullerOptions<Raw>) {}

  get channel() {
    return this.options.adapter.channel;
  }

  /** Runs one pull; a call while one runs joins it (schedules never overlap). */
  pullOnce(): Promise<PullSummary> {
    this.running ??= this.pull().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** Resolves once no pull is running (shutdown waits for the page in flight). */
  async whenIdle(): Promise<void> {
    await this.running?.catch(() => undefined);
  }

  private async pull(): Promise<PullSummary> {
    const { adapter, client, store, db, clock } = this.options;
    const summary = emptySummary();
    if (!(await this.claim())) return { ...summary, pulledElsewhere: true };
    const startedAt = clock.now();
    try {
      // Whatever an earlier run stored but could not hand over goes first.
      summary.delivered += await this.deliverPending();
      let { checkpoint } = await store.state(db);
      for (let page = 0; page < (this.options.maxPagesPerRun ?? 50); page++) {
        if (!(await this.claim())) break;
        const fetched = await adapter.fetchPage(client, checkpoint);
        const counts = await this.ingest(fetched.records, fetched.next);
        checkpoint = fetched.next;
        summary.pages++;
        addCounts(summary, counts);
        if (!(await this.claim())) break;
        summary.delivered += await this.deliverPending();
        if (!fetched.hasMore) break;
      }
      await store.saveProgress(db, { lastRunAt: startedAt, lastSuccessAt: clock.now(), lastError: null });
      return summary;
    } catch (error) {
      await store.saveProgress(db, { lastRunAt: startedAt, lastError: (error as Error).message }).catch(() => undefined);
      this.options.log?.warn({ err: error, channel: adapter.channel }, 'pull stopped; it resumes from its checkpoint');
      throw error;
    } finally {
      await store.releasePull(db, this.holder).catch(() => undefined);
    }
  }

  /** Claims the channel's pull, or renews this puller's claim; false while another replica holds it. */
  private claim(): Promise<boolean> {
    return this.options.store.claimPull(this.options.db, this.holder, this.options.claimMs ?? PULL_CLAIM_MS);
  }

  /**
   * Maps and stores a page of raw records (and the checkpoint after it, in the same transaction).
   * Backfill calls it without a checkpoint.
   */
  async ingest(records: readonly Raw[], checkpoint?: string): Promise<IngestSummary> {
    const { adapter, store, db, clock } = this.options;
    const counts: IngestSummary = { taken: 0, updated: 0, unchanged: 0, deadLettered: 0 };
    const now = clock.now();
    await db.transaction(async (tx) => {
      const mapped: SourceRecord[] = [];
      for (const raw of records) {
        const taken = this.mapRecord(raw);
        if (taken.ok) mapped.push({ sourceId: taken.report.sourceId, raw, report: taken.report, native: taken.native });
        else if (await store.addDeadLetter(tx, { sourceId: safeSourceId(adapter, raw), raw, reason: taken.reason }, now)) counts.deadLettered++;
      }
      for (const outcome of await store.upsertRecords(tx, mapped, now)) {
        if (outcome === 'new') counts.taken++;
        else if (outcome === 'changed') counts.updated++;
        else counts.unchanged++;
      }
      await store.saveProgress(tx, { checkpoint, pulled: counts.taken + counts.updated, failed: counts.deadLettered });
    });
    return counts;
  }

  /** Hands every stored record intake has not acknowledged; returns how many were taken. */
  async deliverPending(): Promise<number> {
    return (await this.deliver()).delivered;
  }

  private async deliver(): Promise<{ delivered: number; refused: number }> {
    const { store, db, clock, intake } = this.options;
    let delivered = 0;
    let refusedInAll = 0;
    for (;;) {
      const pending = await store.undelivered(db, this.options.deliveryBatch ?? 100);
      if (pending.length === 0) return { delivered, refused: refusedInAll };
      const answers = await intake.submit(pending.map((record) => record.report));
      await db.transaction(async (tx) => {
        let refused = 0;
        for (const [index, answer] of answers.entries()) {
          if (answer.ok) continue;
          const record = pending[index]!;
          if (await store.addDeadLetter(tx, { sourceId: record.sourceId, raw: record.report, reason: `intake refused: ${answer.reason}` }, clock.now())) refused++;
        }
        // A refused record is in the dead-letter store now; it is not sent again until retried.
        await store.markDelivered(tx, pending);
        if (refused > 0) await store.saveProgress(tx, { failed: refused });
        refusedInAll += refused;
      });
      delivered += answers.filter((answer) => answer.ok).length;
    }
  }

  /**
   * Maps a dead letter's record again and hands it to intake: the kept record after a fix of the
   * mapping, or `corrected`, the record as an operator corrected it (the city's override; the dead
   * letter keeps the record as it came).
   */
  async retryDeadLetter(id: string, corrected?: Raw): Promise<DeadLetterRetry | null> {
    const { store, db, clock } = this.options;
    const result = await db.transaction(async (tx): Promise<DeadLetterRetry | null> => {
      const letter = await store.deadLetter(tx, id);
      if (!letter) return null;
      const taken = this.mapRecord(corrected ?? (letter.raw as Raw));
      if (!taken.ok) {
        await store.failDeadLetterAgain(tx, id, taken.reason);
        return { ok: false, deadLetter: { ...letter, reason: taken.reason, attempts: letter.attempts + 1 }, reason: taken.reason };
      }
      await store.upsertRecord(tx, { sourceId: taken.report.sourceId, raw: corrected ?? letter.raw, report: taken.report, native: taken.native }, clock.now());
      await store.resolveDeadLetter(tx, id, clock.now());
      return { ok: true, deadLetter: { ...letter, resolvedAt: clock.now(), attempts: letter.attempts + 1 }, sourceId: taken.report.sourceId };
    });
    if (result?.ok) await this.deliverPending();
    return result;
  }

  /** Pulls a time range of history through the same mapping and intake (backfill). */
  async *backfill(range: TimeRange): AsyncGenerator<IngestSummary & { total?: number; records: number }> {
    let checkpoint: string | null = null;
    for (;;) {
      const page = await this.options.adapter.fetchPage(this.options.client, checkpoint, range);
      const counts = await this.ingest(page.records);
      // A record intake refuses is a dead letter too (kept whole, with intake's reason).
      counts.deadLettered += (await this.deliver()).refused;
      checkpoint = page.next;
      yield { ...counts, total: page.total, records: page.records.length };
      if (!page.hasMore) return;
    }
  }

  private mapRecord(raw: Raw) {
    let mapping;
    try {
      mapping = this.options.adapter.map(raw);
    } catch (error) {
      return refused(`mapping failed: ${(error as Error).message}`);
    }
    if (!mapping.ok) return refused(mapping.reason);
    const checked = validateReport(mapping.report);
    if (!checked.ok) return refused(describeIssues(checked.issues));
    // The channel's own fields are kept as jsonb, which refuses a NUL or a lone surrogate: without this
    // check one such record would fail the transaction of its whole page.
    const unsafe = findUnsafeText(mapping.native);
    if (unsafe) return refused(`native.${unsafe.field} ${unsafe.reason}`);
    return { ok: true as const, report: mapping.report, native: mapping.native };
  }
}

/** A mapping's reason may quote the bad value itself; the dead letter must still be storable. */
const refused = (reason: string) => ({ ok: false as const, reason: escapeUnsafeText(reason) });

function safeSourceId<Raw>(adapter: ChannelAdapter<Raw>, raw: Raw): string | null {
  try {
    const sourceId = adapter.sourceIdOf(raw);
    return sourceId == null ? null : escapeUnsafeText(String(sourceId));
  } catch {
    return null;
  }
}

function addCounts(total: IngestSummary, page: IngestSummary): void {
  total.taken += page.taken;
  total.updated += page.updated;
  total.unchanged += page.unchanged;
  total.deadLettered += page.deadLettered;
}
