import type { Migration } from '@huying/runtime';

/**
 * The tables every channel service keeps in its own schema: its puller's state, the records it took
 * (with the report it made and what intake has been handed), and the records it could not map.
 */
export function connectorMigrations(schema: string): Migration[] {
  return [
    {
      id: '001_connector',
      sql: `
        CREATE TABLE ${schema}.connector_state (
          channel         text PRIMARY KEY,
          checkpoint      text,
          last_run_at     timestamptz,
          last_success_at timestamptz,
          last_error      text,
          pulled          bigint NOT NULL DEFAULT 0,
          failed          bigint NOT NULL DEFAULT 0
        );
        CREATE TABLE ${schema}.source_record (
          source_id      text PRIMARY KEY,
          seq            bigserial UNIQUE,
          raw            jsonb NOT NULL,
          report         jsonb NOT NULL,
          native         jsonb NOT NULL,
          content_hash   text NOT NULL,
          delivered_hash text,
          revision       int NOT NULL DEFAULT 1,
          pulled_at      timestamptz NOT NULL
        );
        CREATE INDEX source_record_undelivered ON ${schema}.source_record (seq) WHERE delivered_hash IS DISTINCT FROM content_hash;
        CREATE TABLE ${schema}.dead_letter (
          id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
          source_id    text,
          raw          jsonb NOT NULL,
          raw_hash     text NOT NULL,
          reason       text NOT NULL,
          failed_at    timestamptz NOT NULL,
          attempts     int NOT NULL DEFAULT 1,
          resolved_at  timestamptz
        );
        CREATE UNIQUE INDEX dead_letter_open ON ${schema}.dead_letter (raw_hash) WHERE resolved_at IS NULL;
        CREATE INDEX dead_letter_order ON ${schema}.dead_letter (failed_at DESC, id DESC);`,
    },
    {
      // Every version of a record taken so far: a backfill replaying an older version must not roll back.
      id: '002_seen_versions',
      sql: `ALTER TABLE ${schema}.source_record ADD COLUMN seen_hashes text[] NOT NULL DEFAULT '{}';`,
    },
    {
      // Raw records and mapped reports hold callers' numbers and names: they are kept sealed (AES-256-GCM,
      // HUYING_DATA_KEYS), so the columns become text. Rows written before are sealed at the next start.
      id: '003_sealed_records',
      sql: `
        ALTER TABLE ${schema}.source_record ALTER COLUMN raw TYPE text USING raw::text, ALTER COLUMN report TYPE text USING report::text;
        ALTER TABLE ${schema}.dead_letter ALTER COLUMN raw TYPE text USING raw::text;`,
    },
    {
      // The rows still in clear, indexed by exactly what the sealing at start-up looks for: once all are
      // sealed (and every new row is written sealed) that look-up reads an empty index, not the whole table.
      id: '004_rows_in_clear',
      sql: `
        CREATE INDEX source_record_in_clear ON ${schema}.source_record (source_id) WHERE raw NOT LIKE 'hy1.%' OR report NOT LIKE 'hy1.%';
        CREATE INDEX dead_letter_in_clear ON ${schema}.dead_letter (id) WHERE raw NOT LIKE 'hy1.%';`,
    },
    {
      // Who is pulling the channel now, and until when (the database's clock): with replicas, one pulls the
      // legacy system at a time, within the rate it tolerates; a crashed puller's claim lapses.
      id: '005_pull_claim',
      sql: `ALTER TABLE ${schema}.connector_state ADD COLUMN pull_holder text, ADD COLUMN pull_until timestamptz;`,
    },
  ];
}
