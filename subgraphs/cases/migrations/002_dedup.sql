-- The duplicate filter's lookup index: each report filed under its grid cell, the specific places it
-- names and its exact wording. Keyed by report (not case), so a merge or split never has to refile.
CREATE TABLE cases.match_key (
  key       text NOT NULL,
  report_id uuid NOT NULL REFERENCES cases.report (id),
  -- the report's receivedAt: candidates are looked up in a time window, so old keys cost nothing
  at        timestamptz NOT NULL
);
CREATE INDEX match_key_lookup_idx ON cases.match_key (key, at);

-- Every dedup decision, automatic or by an operator, with its evidence; undone decisions stay.
CREATE TABLE cases.merge_decision (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- ATTACH: intake put a report in an existing case; SUGGESTION: grey zone, queued for an operator;
  -- MERGE: two cases became one; SPLIT: a report was taken out into a case of its own
  kind         text NOT NULL,
  -- ATTACH: REPEAT or MERGED
  outcome      text,
  -- APPLIED, PENDING (a suggestion), CONFIRMED / REJECTED (a suggestion decided), UNDONE
  state        text NOT NULL,
  into_case_id uuid NOT NULL REFERENCES cases.case (id),
  from_case_id uuid REFERENCES cases.case (id),
  report_id    uuid REFERENCES cases.report (id),
  score        double precision,
  signals      jsonb,
  automatic    boolean NOT NULL,
  decided_by   text,
  reason       text,
  decided_at   timestamptz NOT NULL,
  undone_at    timestamptz,
  undone_by    text,
  undo_reason  text
);
CREATE INDEX merge_decision_into_idx ON cases.merge_decision (into_case_id, decided_at);
CREATE INDEX merge_decision_from_idx ON cases.merge_decision (from_case_id, decided_at) WHERE from_case_id IS NOT NULL;
CREATE INDEX merge_decision_pending_idx ON cases.merge_decision (decided_at, id) WHERE state = 'PENDING';

-- Which reports a MERGE or SPLIT moved, and from where, so undoing it moves exactly those back.
CREATE TABLE cases.report_move (
  decision_id  uuid NOT NULL REFERENCES cases.merge_decision (id),
  report_id    uuid NOT NULL REFERENCES cases.report (id),
  from_case_id uuid NOT NULL REFERENCES cases.case (id),
  to_case_id   uuid NOT NULL REFERENCES cases.case (id),
  PRIMARY KEY (decision_id, report_id)
);

-- A merged-away case remembers its status, so an unmerge restores it.
ALTER TABLE cases.case ADD COLUMN status_before_merge text;
CREATE INDEX report_contact_time_idx ON cases.report (contact_hash, received_at) WHERE contact_hash IS NOT NULL;
