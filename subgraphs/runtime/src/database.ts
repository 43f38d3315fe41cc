import { PGlite, types as pgliteTypes } from '@electric-sql/pglite';
import { notificationListener } from './notificationListener';
import { seedFromTemplate } from './pgliteTemplate';
import pg from 'pg';

/** What a service needs of PostgreSQL: parameterised queries (`$1`) that return rows. */
export interface Sql {
  query<Row = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<Row[]>;
  /** Inside a transaction: runs `hook` as its last work, just before COMMIT (in the transaction). */
  beforeCommit?(hook: (tx: Sql) => Promise<void>): void;
  /** Inside a transaction: runs `hook` once it has committed (never if it rolls back). */
  afterCommit?(hook: () => void): void;
}

export interface Database extends Sql {
  readonly kind: 'pglite' | 'postgres';
  /** Runs `work` in one transaction: all of it is kept, or none of it. */
  transaction<T>(work: (tx: Sql) => Promise<T>, options?: TransactionOptions): Promise<T>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(script: string): Promise<void>;
  /**
   * Calls `onPayload` for each notification on `channel` (PostgreSQL's LISTEN/NOTIFY: committed
   * transactions' `pg_notify`, from any process on the same server). Returns the unsubscribe.
   */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export interface TransactionOptions {
  /**
   * The longest the transaction waits for a row or lock another one holds before it fails with SQLSTATE 55P03
   * (PostgreSQL's `lock_timeout`), for work that would rather start again another way than queue. PGlite runs
   * one transaction at a time, so nothing there ever waits.
   */
  lockWaitMs?: number;
}

export interface DatabaseOptions {
  /** A PostgreSQL server (`postgres://…`); without it the hub runs PGlite in process. */
  url?: string;
  /** PGlite's data folder; `memory://` keeps nothing. */
  dataDir?: string;
  /** Pool size for a server. */
  poolSize?: number;
}

// int8 (counts, sequences) and numeric come back as JS numbers on both drivers; they stay far below 2^53.
const INT8 = 20;
const NUMERIC = 1700;

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  return options.url ? openPostgres(options.url, options.poolSize ?? 10) : openPglite(options.dataDir ?? 'memory://');
}

async function openPglite(dataDir: string): Promise<Database> {
  const parsers = { [pgliteTypes.INT8]: Number, [NUMERIC]: Number };
  seedFromTemplate(dataDir);
  const lite = await PGlite.create(dataDir, { parsers });
  const run = async <Row>(executor: Pick<PGlite, 'query'>, text: string, params?: readonly unknown[]) =>
    (await executor.query<Row>(text, params as unknown[] | undefined)).rows;
  return {
    kind: 'pglite',
    query: (text, params) => run(lite, text, params),
    transaction: async (work) => {
      const hooks = new CommitHooks();
      const result = await lite.transaction(async (tx) => {
        const sql = hooks.attach({ query: (text, params) => run(tx, text, params) });
        const value = await work(sql);
        await hooks.beforeCommit(sql);
        return value;
      });
      hooks.afterCommit();
      return result;
    },
    exec: async (script) => {
      await lite.exec(script);
    },
    listen: async (channel, onPayload) => {
      const unsubscribe = await lite.listen(channelName(channel), onPayload);
      return () => unsubscribe();
    },
    close: () => lite.close(),
  };
}

async function openPostgres(url: string, poolSize: number): Promise<Database> {
  const typeParsers = {
    getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
      oid === INT8 || oid === NUMERIC ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
  };
  const pool = new pg.Pool({ connectionString: url, max: poolSize, types: typeParsers });
  const notifications = notificationListener(url);
  // A dropped idle connection must not crash the process; the pool replaces it.
  pool.on('error', () => undefined);
  const run = async <Row>(executor: pg.Pool | pg.PoolClient, text: string, params?: readonly unknown[]) =>
    (await executor.query({ text, values: params as unknown[] | undefined, name: statementName(text) })).rows as Row[];
  return {
    kind: 'postgres',
    query: (text, params) => run(pool, text, params),
    transaction: async (work, options) => {
      const client = await pool.connect();
      const hooks = new CommitHooks();
      try {
        await client.query(options?.lockWaitMs === undefined ? 'BEGIN' : beginWaitingAtMost(options.lockWaitMs));
        const sql = hooks.attach({ query: (text, params) => run(client, text, params) });
        const result = await work(sql);
        await hooks.beforeCommit(sql);
        await client.query('COMMIT');
        hooks.afterCommit();
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    exec: async (script) => {
      await pool.query(script);
    },
    listen: (channel, onPayload) => notifications.listen(channelName(channel), onPayload),
    close: async () => {
      await notifications.close();
      await pool.end();
    },
  };
}

/** BEGIN and the transaction's lock wait in one round trip (a simple query may hold several statements). */
function beginWaitingAtMost(lockWaitMs: number): string {
  if (!(Number.isInteger(lockWaitMs) && lockWaitMs > 0)) throw new RangeError('lockWaitMs must be a positive whole number of milliseconds');
  return `BEGIN; SET LOCAL lock_timeout = ${lockWaitMs}`;
}

/** A channel is an identifier in LISTEN; only plain lower-case names are taken. */
function channelName(channel: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`notification channel "${channel}" must be a plain lower-case identifier`);
  return channel;
}

/**
 * A name for a statement the process runs again and again, so each connection parses and plans it
 * once instead of on every call (planning a candidate lookup costs more than running it). The
 * first 500 distinct texts get names; beyond that (statements built on the fly) they run unnamed.
 */
const statementNames = new Map<string, string>();
const NAMED_STATEMENTS_MAX = 500;

function statementName(text: string): string | undefined {
  let name = statementNames.get(text);
  if (!name && statementNames.size < NAMED_STATEMENTS_MAX) {
    name = `huying_${statementNames.size}`;
    statementNames.set(text, name);
  }
  return name;
}

/** The hooks of one transaction: work queued for just before COMMIT, and notices for after it. */
class CommitHooks {
  private readonly before: ((tx: Sql) => Promise<void>)[] = [];
  private readonly after: (() => void)[] = [];

  attach(sql: Pick<Sql, 'query'>): Sql {
    return { ...sql, beforeCommit: (hook) => this.before.push(hook), afterCommit: (hook) => this.after.push(hook) };
  }

  async beforeCommit(tx: Sql): Promise<void> {
    for (const hook of this.before) await hook(tx);
  }

  afterCommit(): void {
    for (const hook of this.after) hook();
  }
}
