-- The audit log: every state change the services publish as an `Audited` event (merge, split, undo,
-- dispatch, sign, resolve, verify, evaluation, key issued), kept for ADMIN (`auditLog`).
CREATE TABLE analytics.audit_log (
  audit_id     uuid PRIMARY KEY,
  service      text NOT NULL,
  action       text NOT NULL,
  subject_type text NOT NULL,
  subject_id   text NOT NULL,
  actor        text NOT NULL,
  before       jsonb,
  after        jsonb,
  reason       text,
  at           timestamptz NOT NULL
);
CREATE INDEX audit_log_order ON analytics.audit_log (at DESC, audit_id DESC);
CREATE INDEX audit_log_subject ON analytics.audit_log (subject_id, at DESC);
