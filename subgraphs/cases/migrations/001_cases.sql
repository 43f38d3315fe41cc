CREATE TABLE cases.case (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  title         text NOT NULL,
  status        text NOT NULL DEFAULT 'RECEIVED',
  category_code text,
  lng           double precision,
  lat           double precision,
  address       text,
  -- the case's clock: when its first report came in; a report joining later never moves it
  created_at    timestamptz NOT NULL,
  updated_at    timestamptz NOT NULL,
  merged_into   uuid REFERENCES cases.case (id)
);
CREATE INDEX case_created_idx ON cases.case (created_at DESC, id DESC);
CREATE INDEX case_status_created_idx ON cases.case (status, created_at DESC, id DESC);

CREATE TABLE cases.report (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id        uuid NOT NULL REFERENCES cases.case (id),
  channel        text NOT NULL,
  source_id      text NOT NULL,
  received_at    timestamptz NOT NULL,
  title          text,
  text           text NOT NULL,
  address        text,
  lng            double precision,
  lat            double precision,
  category_hint  text,
  -- personal information: a keyed hash to recognise the caller, a masked form to show; never the number
  contact_hash   text,
  contact_masked text,
  intake_mode    text,
  revision       integer NOT NULL DEFAULT 1,
  created_at     timestamptz NOT NULL,
  updated_at     timestamptz NOT NULL,
  UNIQUE (channel, source_id)
);
CREATE INDEX report_case_idx ON cases.report (case_id, received_at);
CREATE INDEX report_contact_idx ON cases.report (contact_hash) WHERE contact_hash IS NOT NULL;
