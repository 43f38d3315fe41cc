-- The reporter's number sealed (AES-256-GCM, HUYING_DATA_KEYS) beside its keyed hash and masked form, so a
-- 回访 agent (role CALLBACK) can call back; only that role reads it, and every read is written to contact_read.
ALTER TABLE cases.report ADD COLUMN contact_sealed text;

CREATE TABLE cases.contact_read (
  id        bigserial PRIMARY KEY,
  report_id uuid NOT NULL,
  read_by   text NOT NULL,
  read_at   timestamptz NOT NULL
);
CREATE INDEX contact_read_report ON cases.contact_read (report_id, read_at);
