import { createHash } from 'node:crypto';
import { dataKeys, type DataKeyRing, type Sql } from '@huying/runtime';
import { maskPhonesInText, type Channel, type ReportInput } from '@huying/schema';

export interface ConnectorState {
  channel: Channel;
  checkpoint: string | null;
  lastRunAt: Date | null;
  lastSuccessAt: Date | null;
  lastError: string | null;
  pulled: number;
  failed: number;
}

export interface DeadLetter {
  id: string;
  sourceId: string | null;
  raw: unknown;
  reason: string;
  failedAt: Date;
  attempts: number;
  resolvedAt: Date | null;
}

export interface StoredRecord {
  sourceId: string;
  report: ReportInput;
  native: Record<string, unknown>;
  contentHash: string;
  revision: number;
}

/** A legacy record as stored: its raw form, the report mapped from it and its native fields. */
export interface SourceRecord {
  sourceId: string;
  raw: unknown;
  report: ReportInput;
  native: Record<string, unknown>;
}

export type UpsertOutcome = 'new' | 'changed' | 'same';

/** Splits items, in order, into runs in which no key repeats. */
function runsOfDistinct<T>(items: readonly T[], keyOf: (item: T) => string): T[][] {
  const runs: T[][] = [];
  let run: T[] = [];
  let keys = new Set<string>();
  for (const item of items) {
    const key = keyOf(item);
    if (keys.has(key)) {
      runs.push(run);
      run = [];
      keys = new Set();
    }
    run.push(item);
    keys.add(key);
  }
  if (run.length) runs.push(run);
  return runs;
}

export function contentHash(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex');
}

/** SQL of one channel's connector tables, in that channel's schema. */
export class ConnectorStore {
  constructor(
    readonly schema: string,
    readonly channel: Channel,
    private readonly keys: DataKeyRing = dataKeys(),
  ) {}

  private seal(value: unknown): string {
    return this.keys.seal(JSON.stringify(value));
  }

  /** A stored raw record or report; rows from before sealing (plain JSON) still read until they are sealed. */
  private unseal<T>(stored: string): T {
    return JSON.parse(this.keys.isSealed(stored) ? this.keys.open(stored) : stored) as T;
  }

  /** Seals the rows written in clear before sealing existed, a batch at a time; returns how many it sealed. */
  async sealClearRows(sql: Sql, batch = 500): Promise<number> {
    let sealed = 0;
    for (;;) {
      const records = await sql.query<{ source_id: string; raw: string; report: string }>(
        `SELECT source_id, raw, report FROM ${this.schema}.source_record WHERE raw NOT LIKE 'hy1.%' OR report NOT LIKE 'hy1.%' LIMIT $1`,
        [batch],
      );
      const letters = await sql.query<{ id: string; raw: string; reason: string }>(`SELECT id, raw, reason FROM ${this.schema}.dead_letter WHERE raw NOT LIKE 'hy1.%' LIMIT $1`, [batch]);
      for (const row of records) {
        await sql.query(`UPDATE ${this.schema}.source_record SET raw = $2, report = $3 WHERE source_id = $1`, [
          row.source_id,
          this.seal(this.unseal(row.raw)),
          this.seal(this.unseal(row.report)),
        ]);
      }
      for (const row of letters) {
        await sql.query(`UPDATE ${this.schema}.dead_letter SET raw = $2, reason = $3 WHERE id = $1`, [row.id, this.seal(this.unseal(row.raw)), maskPhonesInText(row.reason)]);
      }
      sealed += records.length + letters.length;
      if (records.length < batch && letters.length < batch) return sealed;
    }
  }

  async state(sql: Sql): Promise<ConnectorState> {
    const [row] = await sql.query<StateRow>(`SELECT * FROM ${this.schema}.connector_state WHERE channel = $1`, [this.channel]);
    return row
      ? { channel: this.channel, checkpoint: row.checkpoint, lastRunAt: row.last_run_at, lastSuccessAt: row.last_success_at, lastError: row.last_error, pulled: row.pulled, failed: row.failed }
      : { channel: this.channel, checkpoint: null, lastRunAt: null, lastSuccessAt: null, lastError: null, pulled: 0, failed: 0 };
  }

  async saveProgress(sql: Sql, change: { checkpoint?: string; lastRunAt?: Date; lastSuccessAt?: Date; lastError?: string | null; pulled?: number; failed?: number }): Promise<void> {
    await sql.query(
      `INSERT INTO ${this.schema}.connector_state AS s (channel, checkpoint, last_run_at, last_success_at, last_error, pulled, failed)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (channel) DO UPDATE SET
         checkpoint      = COALESCE($2, s.checkpoint),
         last_run_at     = COALESCE($3, s.last_run_at),
         last_success_at = COALESCE($4, s.last_success_at),
         last_error      = CASE WHEN $8 THEN $5 ELSE s.last_error END,
         pulled          = s.pulled + $6,
         failed          = s.failed + $7`,
      [this.channel, change.checkpoint ?? null, change.lastRunAt ?? null, change.lastSuccessAt ?? null, change.lastError ?? null, change.pulled ?? 0, change.failed ?? 0, change.lastError !== undefined],
    );
  }

  /**
   * Claims the channel's pull for `holder` for `claimMs` (or extends its own claim): true unless another
   * holder's claim is still running. Times are the database's, so replicas' clocks need not agree.
   */
  async claimPull(sql: Sql, holder: string, claimMs: number): Promise<boolean> {
    const rows = await sql.query<{ claimed: boolean }>(
      `INSERT INTO ${this.schema}.connector_state AS s (channel, pull_holder, pull_until)
       VALUES ($1, $2, clock_timestamp() + $3 * interval '1 millisecond')
       ON CONFLICT (channel) DO UPDATE SET pull_holder = $2, pull_until = EXCLUDED.pull_until
         WHERE s.pull_holder IS NULL OR s.pull_holder = $2 OR s.pull_until < clock_timestamp()
       RETURNING true AS claimed`,
      [this.channel, holder, claimMs],
    );
    return rows.length > 0;
  }

  /** Gives the claim up (a pull finished or failed): the next scheduled pull, on any replica, may claim it. */
  async releasePull(sql: Sql, holder: string): Promise<void> {
    await sql.query(`UPDATE ${this.schema}.connector_state SET pull_holder = NULL, pull_until = NULL WHERE channel = $1 AND pull_holder = $2`, [this.channel, holder]);
  }

  /**
   * Keeps a mapped record; returns 'new', 'changed' or 'same'. A version seen before counts as 'same'
   * even when a later one is stored: replaying history (a backfill run again) never rolls a record back.
   */
  async upsertRecord(sql: Sql, record: SourceRecord, now: Date): Promise<UpsertOutcome> {
    return (await this.upsertRecords(sql, [record], now))[0]!;
  }

  /**
   * Stores a page of records, one statement for each run of records whose source ids do not repeat (a
   * page may hold a record and its later version: one statement cannot update a row twice, so the later
   * one goes in the next run). A record is `same` when its content is the current one or one seen before.
   * Returns each record's outcome, in order.
   */
  async upsertRecords(sql: Sql, records: readonly SourceRecord[], now: Date): Promise<UpsertOutcome[]> {
    const outcomes: UpsertOutcome[] = [];
    for (const run of runsOfDistinct(records, (record) => record.sourceId)) {
      const hashes = run.map((record) => contentHash([record.report, record.native]));
      const rows = await sql.query<{ source_id: string; inserted: boolean }>(
        `INSERT INTO ${this.schema}.source_record AS r (source_id, raw, report, native, content_hash, pulled_at, seen_hashes)
         SELECT s.source_id, s.raw, s.report, s.native, s.content_hash, $6, ARRAY[s.content_hash]
           FROM unnest($1::text[], $2::text[], $3::text[], $4::jsonb[], $5::text[]) AS s(source_id, raw, report, native, content_hash)
         ON CONFLICT (source_id) DO UPDATE SET raw = excluded.raw, report = excluded.report, native = excluded.native,
           content_hash = excluded.content_hash, pulled_at = excluded.pulled_at,
           revision = r.revision + 1, seen_hashes = array_append(r.seen_hashes, excluded.content_hash)
         WHERE r.content_hash <> excluded.content_hash AND NOT (excluded.content_hash = ANY (r.seen_hashes))
         RETURNING r.source_id, (xmax = 0) AS inserted`,
        [
          run.map((record) => record.sourceId),
          run.map((record) => this.seal(record.raw)),
          run.map((record) => this.seal(record.report)),
          run.map((record) => JSON.stringify(record.native)),
          hashes,
          now,
        ],
      );
      const stored = new Map(rows.map((row) => [row.source_id, row.inserted]));
      for (const record of run) {
        const inserted = stored.get(record.sourceId);
        outcomes.push(inserted === undefined ? 'same' : inserted ? 'new' : 'changed');
      }
    }
    return outcomes;
  }

  /** Records whose latest content intake has not acknowledged yet, oldest first. */
  async undelivered(sql: Sql, limit: number): Promise<StoredRecord[]> {
    const rows = await sql.query<{ source_id: string; report: string; native: Record<string, unknown>; content_hash: string; revision: number }>(
      `SELECT source_id, report, native, content_hash, revision FROM ${this.schema}.source_record
       WHERE delivered_hash IS DISTINCT FROM content_hash ORDER BY seq LIMIT $1`,
      [limit],
    );
    return rows.map((row) => ({ sourceId: row.source_id, report: this.unseal<ReportInput>(row.report), native: row.native, contentHash: row.content_hash, revision: row.revision }));
  }

  async markDelivered(sql: Sql, delivered: readonly { sourceId: string; contentHash: string }[]): Promise<void> {
    if (delivered.length === 0) return;
    await sql.query(
      `UPDATE ${this.schema}.source_record r SET delivered_hash = d.hash
       FROM unnest($1::text[], $2::text[]) AS d(source_id, hash) WHERE r.source_id = d.source_id`,
      [delivered.map((record) => record.sourceId), delivered.map((record) => record.contentHash)],
    );
  }

  async nativeBySourceIds(sql: Sql, sourceIds: readonly string[]): Promise<Map<string, Record<string, unknown>>> {
    const rows = await sql.query<{ source_id: string; native: Record<string, unknown> }>(
      `SELECT source_id, native FROM ${this.schema}.source_record WHERE source_id = ANY($1::text[])`,
      [sourceIds],
    );
    return new Map(rows.map((row) => [row.source_id, row.native]));
  }

  /** Keeps a record that could not be taken; the same record failing again only counts an attempt. */
  async addDeadLetter(sql: Sql, letter: { sourceId: string | null; raw: unknown; reason: string }, now: Date): Promise<boolean> {
    const rawHash = contentHash(letter.raw);
    const rows = await sql.query(
      `INSERT INTO ${this.schema}.dead_letter (source_id, raw, raw_hash, reason, failed_at)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (raw_hash) WHERE resolved_at IS NULL DO UPDATE SET attempts = ${this.schema}.dead_letter.attempts + 1, reason = $4
       RETURNING (xmax = 0) AS inserted`,
      [letter.sourceId, this.seal(letter.raw), rawHash, maskPhonesInText(letter.reason), now],
    );
    return (rows[0] as { inserted: boolean } | undefined)?.inserted ?? false;
  }

  /** Open dead letters (not yet taken on a retry), newest first. */
  async deadLetters(sql: Sql, first: number, after: { failedAt: Date; id: string } | null): Promise<DeadLetter[]> {
    const rows = await sql.query<DeadLetterRow>(
      `SELECT * FROM ${this.schema}.dead_letter
       WHERE resolved_at IS NULL AND ($1::timestamptz IS NULL OR (failed_at, id) < ($1::timestamptz, $2::uuid))
       ORDER BY failed_at DESC, id DESC LIMIT $3`,
      [after?.failedAt ?? null, after?.id ?? null, first],
    );
    return rows.map((row) => this.deadLetterOf(row));
  }

  async countDeadLetters(sql: Sql): Promise<number> {
    const [row] = await sql.query<{ count: number }>(`SELECT count(*)::int AS count FROM ${this.schema}.dead_letter WHERE resolved_at IS NULL`);
    return row?.count ?? 0;
  }

  async deadLetter(sql: Sql, id: string): Promise<DeadLetter | null> {
    const [row] = await sql.query<DeadLetterRow>(`SELECT * FROM ${this.schema}.dead_letter WHERE id = $1 AND resolved_at IS NULL FOR UPDATE`, [id]);
    return row ? this.deadLetterOf(row) : null;
  }

  async resolveDeadLetter(sql: Sql, id: string, now: Date): Promise<void> {
    await sql.query(`UPDATE ${this.schema}.dead_letter SET resolved_at = $2, attempts = attempts + 1 WHERE id = $1`, [id, now]);
  }

  async failDeadLetterAgain(sql: Sql, id: string, reason: string): Promise<void> {
    await sql.query(`UPDATE ${this.schema}.dead_letter SET reason = $2, attempts = attempts + 1 WHERE id = $1`, [id, maskPhonesInText(reason)]);
  }

  private deadLetterOf(row: DeadLetterRow): DeadLetter {
    return { id: row.id, sourceId: row.source_id, raw: this.unseal(row.raw), reason: row.reason, failedAt: row.failed_at, attempts: row.attempts, resolvedAt: row.resolved_at };
  }
}

interface StateRow {
  checkpoint: string | null;
  last_run_at: Date | null;
  last_success_at: Date | null;
  last_error: string | null;
  pulled: number;
  failed: number;
}

interface DeadLetterRow {
  id: string;
  source_id: string | null;
  raw: string;
  reason: string;
  failed_at: Date;
  attempts: number;
  resolved_at: Date | null;
}
