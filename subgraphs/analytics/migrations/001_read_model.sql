-- The analytics read model: built from the cases, dispatch and feedback events only. Every table is
-- keyed by what the event is about, so applying an event twice, or late, leaves the same rows.

CREATE TABLE analytics.report (
  report_id   text PRIMARY KEY,
  case_id     text NOT NULL,
  channel     text NOT NULL,
  outcome     text NOT NULL,
  received_at timestamptz NOT NULL,
  -- the merge decision that moved it into case_id (so an unmerge can move it back)
  moved_by    text
);
CREATE INDEX report_case_idx ON analytics.report (case_id);

CREATE TABLE analytics.assignment (
  assignment_id   text PRIMARY KEY,
  case_id         text NOT NULL,
  department_id   text NOT NULL,
  department_name text,
  round           integer NOT NULL,
  state           text NOT NULL,
  state_rank      smallint NOT NULL,
  -- the transition shown is the newest by its own time; an older one arriving late changes nothing
  state_at        timestamptz NOT NULL,
  first_at        timestamptz NOT NULL,
  due_at          timestamptz,
  responded_at    timestamptz,
  resolved_at     timestamptz,
  light           text,
  light_at        timestamptz
);
CREATE INDEX assignment_case_idx ON analytics.assignment (case_id);

CREATE TABLE analytics.evaluation (
  evaluation_id text PRIMARY KEY,
  case_id       text NOT NULL,
  round         integer NOT NULL,
  rater_kind    text NOT NULL,
  department_id text,
  score         numeric(5, 1) NOT NULL,
  stars         smallint NOT NULL,
  satisfied     boolean NOT NULL,
  evaluated_at  timestamptz NOT NULL
);
CREATE INDEX evaluation_case_idx ON analytics.evaluation (case_id);

CREATE TABLE analytics.reopen (
  case_id     text NOT NULL,
  round       integer NOT NULL,
  reopened_at timestamptz NOT NULL,
  PRIMARY KEY (case_id, round)
);

-- One row per case: what the KPI, trend and hotspot queries read. The derived columns (department …
-- has_repeat) are recomputed from the keyed tables above whenever an event about the case arrives.
CREATE TABLE analytics.case_fact (
  case_id             text PRIMARY KEY,
  created_at          timestamptz,
  title               text,
  channel             text,
  opened_category     text,
  classified_category text,
  category_code       text GENERATED ALWAYS AS (COALESCE(classified_category, opened_category)) STORED,
  address             text,
  lng                 double precision,
  lat                 double precision,
  street_id           text,
  community_id        text,
  level               text,
  whistle             text,
  due_at              timestamptz,
  classified_at       timestamptz,
  status              text,
  status_at           timestamptz,
  merged_into         text,
  merged_by           text,
  department_id       text,
  department_name     text,
  round               integer NOT NULL DEFAULT 1,
  responded_at        timestamptz,
  deadline_at     timestamptz,
  resolved            boolean NOT NULL DEFAULT false,
  resolved_at         timestamptz,
  satisfied           boolean,
  light               text,
  report_count        integer NOT NULL DEFAULT 0,
  has_repeat          boolean NOT NULL DEFAULT false
);
CREATE INDEX case_fact_created_idx ON analytics.case_fact (created_at) WHERE merged_into IS NULL;
CREATE INDEX case_fact_open_idx ON analytics.case_fact (created_at DESC) WHERE merged_into IS NULL AND NOT resolved;
