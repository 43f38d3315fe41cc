import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { settings } from './config';
import { openDatabase, type Database } from './database';

export interface TestBackend {
  kind: 'pglite' | 'postgres';
  /**
   * A new, empty database of this kind; `dispose` drops it. `poolSize` sizes a server's pool (default 5);
   * `template` (server only) starts it as a copy of that database, e.g. one a benchmark loaded once.
   */
  open(options?: { poolSize?: number; template?: string }): Promise<{ db: Database; url?: string; dispose(): Promise<void> }>;
}

/**
 * The backends every storage test (and benchmark) runs against: PGlite always, and a PostgreSQL server
 * when TEST_DATABASE_URL or DATABASE_URL names one (CI sets it). Each gets a database of its own.
 */
export function testBackends(): TestBackend[] {
  const backends: TestBackend[] = [
    {
      kind: 'pglite',
      async open(options = {}) {
        if (options.template) throw new Error('a template database needs PostgreSQL, not PGlite');
        const db = await openDatabase({ dataDir: 'memory://' });
        return { db, dispose: () => db.close() };
      },
    },
  ];
  const serverUrl = settings.testDatabaseUrl;
  if (serverUrl) {
    backends.push({
      kind: 'postgres',
      async open(options = {}) {
        const name = `huying_test_${randomBytes(6).toString('hex')}`;
        await adminQuery(serverUrl, options.template ? `CREATE DATABASE ${name} TEMPLATE ${pg.escapeIdentifier(options.template)}` : `CREATE DATABASE ${name}`);
        const url = new URL(serverUrl);
        url.pathname = `/${name}`;
        const db = await openDatabase({ url: url.toString(), poolSize: options.poolSize ?? 5 });
        return {
          db,
          url: url.toString(),
          dispose: async () => {
            await db.close();
            await adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
          },
        };
      },
    });
  }
  return backends;
}

async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export interface RecordedStatement {
  sql: string;
  params: unknown[];
}

/**
 * The database as a service sees it, keeping in `into` each statement asked of it outside a transaction
 * (what a test counts, or hands to EXPLAIN with its parameters).
 */
export function recordingStatements(db: Database, into: RecordedStatement[]): Database {
  return new Proxy(db, {
    get(target, property, receiver) {
      if (property === 'query') {
        return (sql: string, params: unknown[] = []) => {
          into.push({ sql, params });
          return target.query(sql, params);
        };
      }
      const value = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
