-- What dispatch decided for each case it saw (one row per case; the case itself lives in cases).
CREATE TABLE dispatch.case_plan (
  case_id            uuid PRIMARY KEY,
  category_code      text,
  level              text NOT NULL,
  whistle            text NOT NULL,
  matter_type        text NOT NULL,
  time_limit_minutes integer,
  due_at             timestamptz,
  street_id          text,
  community_id       text,
  address            text,
  lng                double precision,
  lat                double precision,
  emergency_word     text,
  created_at         timestamptz NOT NULL,
  classified_at      timestamptz NOT NULL,
  round              integer NOT NULL DEFAULT 1
);

CREATE TABLE dispatch.assignment (
  id                      uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id                 uuid NOT NULL REFERENCES dispatch.case_plan (case_id),
  department_id           text NOT NULL,
  round                   integer NOT NULL,
  state                   text NOT NULL,
  dispatched_at           timestamptz NOT NULL,
  due_at                  timestamptz,
  sla_light               text NOT NULL DEFAULT 'GREEN',
  red_since               timestamptz,
  pushed_to_supervision_at timestamptz,
  responded_at            timestamptz,
  resolved_at             timestamptz,
  result                  text,
  photos                  jsonb NOT NULL DEFAULT '[]',
  -- the assignment this one came from (escalation or reassignment), and the one that replaced it
  previous_id             uuid REFERENCES dispatch.assignment (id),
  updated_at              timestamptz NOT NULL
);
CREATE INDEX assignment_case_idx ON dispatch.assignment (case_id, dispatched_at);
CREATE INDEX assignment_department_idx ON dispatch.assignment (department_id, dispatched_at DESC);
CREATE INDEX assignment_open_idx ON dispatch.assignment (due_at) WHERE state IN ('DISPATCHED', 'SIGNED', 'IN_PROGRESS');

-- Every transition with who, when and why.
CREATE TABLE dispatch.transition (
  id            bigserial PRIMARY KEY,
  assignment_id uuid NOT NULL REFERENCES dispatch.assignment (id),
  from_state    text,
  to_state      text NOT NULL,
  actor         text NOT NULL,
  reason        text,
  at            timestamptz NOT NULL
);
CREATE INDEX transition_assignment_idx ON dispatch.transition (assignment_id, id);

-- Supervision reminders (督办提醒) to a department's heads or the supervision office.
CREATE TABLE dispatch.reminder (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id         uuid NOT NULL,
  assignment_id   uuid NOT NULL REFERENCES dispatch.assignment (id),
  department_id   text NOT NULL,
  recipient_role  text NOT NULL,
  recipient_name  text NOT NULL,
  recipient_phone text NOT NULL,
  light           text NOT NULL,
  message         text NOT NULL,
  created_at      timestamptz NOT NULL,
  sent_at         timestamptz,
  attempts        integer NOT NULL DEFAULT 0,
  last_error      text,
  UNIQUE (assignment_id, recipient_role)
);
CREATE INDEX reminder_case_idx ON dispatch.reminder (case_id, created_at);
CREATE INDEX reminder_unsent_idx ON dispatch.reminder (created_at) WHERE sent_at IS NULL;

-- The embedded default's notifier: text messages recorded instead of sent.
CREATE TABLE dispatch.sms_outbox (
  id         bigserial PRIMARY KEY,
  phone      text NOT NULL,
  message    text NOT NULL,
  reminder_id uuid NOT NULL UNIQUE,
  created_at timestamptz NOT NULL
);

-- Department systems' credentials: only a hash of each key is kept.
CREATE TABLE dispatch.department_key (
  key_hash      text PRIMARY KEY,
  department_id text NOT NULL,
  issued_at     timestamptz NOT NULL,
  revoked_at    timestamptz
);

CREATE TABLE dispatch.webhook (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  department_id text NOT NULL,
  url           text NOT NULL,
  -- the HMAC key; a receiver needs it in clear to check signatures, so it is kept to sign with
  secret        text NOT NULL,
  created_at    timestamptz NOT NULL,
  removed_at    timestamptz
);
CREATE INDEX webhook_department_idx ON dispatch.webhook (department_id) WHERE removed_at IS NULL;

-- One row per (webhook, event): delivered at least once, in order per assignment.
CREATE TABLE dispatch.webhook_delivery (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  webhook_id      uuid NOT NULL REFERENCES dispatch.webhook (id),
  event_seq       bigint NOT NULL,
  event_type      text NOT NULL,
  assignment_id   text NOT NULL,
  body            text NOT NULL,
  attempts        integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL,
  delivered_at    timestamptz,
  last_error      text,
  created_at      timestamptz NOT NULL,
  UNIQUE (webhook_id, event_seq)
);
CREATE INDEX webhook_delivery_pending_idx ON dispatch.webhook_delivery (webhook_id, assignment_id, event_seq) WHERE delivered_at IS NULL;

-- A department's events, read for catch-up and subscriptions.
CREATE INDEX outbox_department_idx ON dispatch.outbox ((payload ->> 'departmentId'), seq);
