-- Feedback keeps its own copy of what it needs, built from the cases and dispatch events only.

-- every reporter of a case (all channels; a merge moves the reporters of the absorbed case over)
CREATE TABLE feedback.reporter (
  report_id      text PRIMARY KEY,
  case_id        text NOT NULL,
  channel        text NOT NULL,
  contact_masked text,
  received_at    timestamptz NOT NULL,
  -- the merge decision that moved it into case_id (so an unmerge can move it back)
  moved_by       text
);
CREATE INDEX reporter_case_idx ON feedback.reporter (case_id);

-- the area and whistle dispatch gave a case (for roll-ups by area and for 谁应评谁)
CREATE TABLE feedback.case_area (
  case_id       text PRIMARY KEY,
  street_id     text,
  community_id  text,
  whistle       text,
  category_code text
);

-- the latest known state of each assignment (the newest transition wins, whatever order events come in)
CREATE TABLE feedback.assignment (
  assignment_id   text PRIMARY KEY,
  case_id         text NOT NULL,
  department_id   text NOT NULL,
  department_name text NOT NULL,
  round           integer NOT NULL,
  state           text NOT NULL,
  state_at        timestamptz NOT NULL,
  resolved_at     timestamptz
);
CREATE INDEX assignment_case_idx ON feedback.assignment (case_id, round);

-- the round a case is in: 1, then +1 for each 不满意重办
CREATE TABLE feedback.case_round (
  case_id text PRIMARY KEY,
  round   integer NOT NULL
);

-- 回访: one per reporter per resolved round; answered when that reporter's evaluation comes in
CREATE TABLE feedback.callback (
  case_id       text NOT NULL,
  round         integer NOT NULL,
  report_id     text NOT NULL,
  due_since     timestamptz NOT NULL,
  evaluation_id uuid,
  PRIMARY KEY (case_id, round, report_id)
);
CREATE INDEX callback_pending_idx ON feedback.callback (due_since) WHERE evaluation_id IS NULL;

-- 一事一评: every evaluation is kept, rounds included
CREATE TABLE feedback.evaluation (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id         text NOT NULL,
  round           integer NOT NULL,
  rater_kind      text NOT NULL,
  rater           text,
  report_id       text,
  department_id   text,
  department_name text,
  street_id       text,
  community_id    text,
  responsiveness  smallint NOT NULL,
  cooperation     smallint NOT NULL,
  completion      smallint NOT NULL,
  satisfaction    smallint NOT NULL,
  score           numeric(5, 1) NOT NULL,
  stars           smallint NOT NULL,
  satisfied       boolean NOT NULL,
  reopened        boolean NOT NULL DEFAULT false,
  comment         text,
  created_at      timestamptz NOT NULL
);
CREATE INDEX evaluation_case_idx ON feedback.evaluation (case_id, round, created_at);
CREATE INDEX evaluation_created_idx ON feedback.evaluation (created_at);
-- a reporter evaluates a round once; a street rates a department once per round
CREATE UNIQUE INDEX evaluation_reporter_once ON feedback.evaluation (case_id, round, report_id) WHERE report_id IS NOT NULL;
CREATE UNIQUE INDEX evaluation_street_once ON feedback.evaluation (case_id, round, department_id) WHERE rater_kind = 'STREET';
