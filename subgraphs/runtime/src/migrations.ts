import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from './database';

export interface Migration {
  /** Unique and sortable, e.g. `001_init`. */
  id: string;
  sql: string;
}

/** A service's own PostgreSQL schema and the migrations that make it (read when needed, not at import). */
export interface ServiceSchema {
  name: string;
  migrations(): Migration[];
}

/** Brings a service's schema up to date (see `migrate`). */
export function migrateSchema(db: Database, schema: ServiceSchema): Promise<string[]> {
  return migrate(db, schema.name, schema.migrations());
}

/** Reads `NNN_name.sql` files from a service's migrations folder, in order. */
export function migrationsFromDir(dir: string): Migration[] {
  return readdirSync(dir)
    .filter((file) => /^\d+_.+\.sql$/.test(file))
    .sort()
    .map((file) => ({ id: file.replace(/\.sql$/, ''), sql: readFileSync(join(dir, file), 'utf8') }));
}

/** Every service schema carries an outbox (its published events) and checkpoints (what it has consumed). */
const RUNTIME_MIGRATIONS = (schema: string): Migration[] => [
  {
    id: '000_runtime_events',
    sql: `
      CREATE TABLE ${schema}.outbox (
        seq          bigserial PRIMARY KEY,
        event_id     uuid NOT NULL UNIQUE DEFAULT gen_random_uuid(),
        type         text NOT NULL,
        aggregate_id text NOT NULL,
        payload      jsonb NOT NULL,
        occurred_at  timestamptz NOT NULL
      );
      CREATE TABLE ${schema}.event_checkpoints (
        consumer   text PRIMARY KEY,
        position   bigint NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      );`,
  },
  {
    // Readers move their checkpoint past every seq they have read, so seq order must be commit order.
    // An event is inserted with a provisional seq (negative: no reader ever sees one, and the final
    // seqs stay 1, 2, 3…); at COMMIT a deferred trigger takes the outbox lock and gives it its final
    // one. The lock is then held from that moment to the end of the commit, on the server alone: held
    // from the client (lock, insert, COMMIT: three round trips), every writer queued behind the holder
    // waited for its client's event loop.
    id: '001_runtime_outbox_commit_order',
    sql: `
      CREATE SEQUENCE ${schema}.outbox_provisional_seq;
      ALTER TABLE ${schema}.outbox ALTER COLUMN seq SET DEFAULT -nextval('${schema}.outbox_provisional_seq');
      CREATE FUNCTION ${schema}.outbox_commit_order() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_advisory_xact_lock(hashtext('huying.outbox.${schema}'));
        UPDATE ${schema}.outbox SET seq = nextval('${schema}.outbox_seq_seq') WHERE seq = NEW.seq;
        RETURN NULL;
      END $$;
      CREATE CONSTRAINT TRIGGER outbox_commit_order AFTER INSERT ON ${schema}.outbox
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ${schema}.outbox_commit_order();`,
  },
];

/** Every migration a schema carries: the runtime's (outbox, checkpoints) and then the service's own. */
export function schemaMigrations(schema: string, migrations: readonly Migration[]): Migration[] {
  return [...RUNTIME_MIGRATIONS(schema), ...migrations];
}

/**
 * Brings a service's own PostgreSQL schema up to date. Safe to run at every start and from several
 * replicas at once: each migration runs in a transaction under an advisory lock, and only once. A schema
 * already current costs one read (the ids applied) and takes no lock.
 */
export async function migrate(db: Database, schema: string, migrations: readonly Migration[]): Promise<string[]> {
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`schema name "${schema}" must be a plain lower-case identifier`);
  const all = schemaMigrations(schema, migrations);
  const current = await appliedIds(db, schema);
  if (current && all.every((migration) => current.has(migration.id))) return [];
  const applied: string[] = [];
  await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`huying.migrate.${schema}`]);
    await tx.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await tx.query(
      `CREATE TABLE IF NOT EXISTS ${schema}.schema_migrations (id text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`,
    );
    const done = new Set((await tx.query<{ id: string }>(`SELECT id FROM ${schema}.schema_migrations`)).map((row) => row.id));
    for (const migration of all) {
      if (done.has(migration.id)) continue;
      for (const statement of splitStatements(migration.sql)) await tx.query(statement);
      await tx.query(`INSERT INTO ${schema}.schema_migrations (id) VALUES ($1)`, [migration.id]);
      applied.push(migration.id);
    }
  });
  return applied;
}

/** The ids applied to the schema, or null when it has no migrations table yet (a new schema, or none at all). */
async function appliedIds(db: Database, schema: string): Promise<Set<string> | null> {
  try {
    return new Set((await db.query<{ id: string }>(`SELECT id FROM ${schema}.schema_migrations`)).map((row) => row.id));
  } catch (error) {
    if (UNDEFINED_TABLE_OR_SCHEMA.has((error as { code?: string }).code ?? '')) return null;
    throw error;
  }
}

const UNDEFINED_TABLE_OR_SCHEMA = new Set(['42P01', '3F000']);

/**
 * Parameterless statements separated by `;` at line ends. Both drivers take one statement per
 * extended-protocol query; dollar-quoted bodies ($$ … $$) are kept whole.
 */
export function splitStatements(script: string): string[] {
  const statements: string[] = [];
  let current = '';
  let inDollar = false;
  for (const line of script.split('\n')) {
    if (!inDollar && /^\s*--/.test(line)) continue;
    const dollars = (line.match(/\$\$/g) ?? []).length;
    if (dollars % 2 === 1) inDollar = !inDollar;
    current += `${line}\n`;
    if (!inDollar && /;\s*$/.test(line)) {
      statements.push(current.trim());
      current = '';
    }
  }
  if (current.trim()) statements.push(current.trim());
  return statements;
}
