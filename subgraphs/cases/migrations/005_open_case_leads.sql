-- Tier 3 merges into open cases only, and a busy key is read newest first and only so far (48 entries).
-- In a working city most of those entries belong to closed cases: they crowded out the open case a new
-- report should join, and cost a join each to be thrown away. So match_key holds the leads of open
-- cases only: a report is withdrawn when its case closes (or it moves into a closed one) and filed
-- again when its case reopens (or it moves into an open one), whoever changes the status.

-- What a report was filed under and at, so it is withdrawn and filed again exactly, by index lookups.
-- (NULL for reports filed before this migration: they stay filed, and age out of the window.)
ALTER TABLE cases.match_profile ADD COLUMN keys text[], ADD COLUMN keys_at timestamptz;

-- The statuses of an open case: OPEN_CASE_STATUSES of @huying/schema (taxonomy.ts).
CREATE FUNCTION cases.is_open(status text) RETURNS boolean IMMUTABLE LANGUAGE sql
  AS $$ SELECT status IN ('RECEIVED', 'DISPATCHED', 'IN_PROGRESS') $$;

CREATE FUNCTION cases.withdraw_leads(reports uuid[]) RETURNS void LANGUAGE sql AS $$
  DELETE FROM cases.match_key m
   USING cases.match_profile p, unnest(p.keys) AS k(key)
   WHERE p.report_id = ANY (reports) AND m.key = k.key AND m.at = p.keys_at AND m.report_id = p.report_id
$$;

CREATE FUNCTION cases.refile_leads(reports uuid[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO cases.match_key (key, report_id, at)
  SELECT k.key, p.report_id, p.keys_at
    FROM cases.match_profile p, unnest(p.keys) AS k(key)
   WHERE p.report_id = ANY (reports)
     AND NOT EXISTS (SELECT 1 FROM cases.match_key m WHERE m.key = k.key AND m.at = p.keys_at AND m.report_id = p.report_id)
$$;

CREATE FUNCTION cases.case_leads_follow_status() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF cases.is_open(OLD.status) AND NOT cases.is_open(NEW.status) THEN
    PERFORM cases.withdraw_leads(ARRAY(SELECT id FROM cases.report WHERE case_id = NEW.id));
  ELSIF cases.is_open(NEW.status) AND NOT cases.is_open(OLD.status) THEN
    PERFORM cases.refile_leads(ARRAY(SELECT id FROM cases.report WHERE case_id = NEW.id));
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER case_leads_follow_status AFTER UPDATE OF status ON cases.case
  FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status) EXECUTE FUNCTION cases.case_leads_follow_status();

-- A merge, a split or an undo moves reports between cases: each leads as its new case is open or not.
CREATE FUNCTION cases.report_leads_follow_case() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  was_open boolean := (SELECT cases.is_open(status) FROM cases.case WHERE id = OLD.case_id);
  now_open boolean := (SELECT cases.is_open(status) FROM cases.case WHERE id = NEW.case_id);
BEGIN
  IF was_open AND NOT now_open THEN
    PERFORM cases.withdraw_leads(ARRAY[NEW.id]);
  ELSIF now_open AND NOT was_open THEN
    PERFORM cases.refile_leads(ARRAY[NEW.id]);
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER report_leads_follow_case AFTER UPDATE OF case_id ON cases.report
  FOR EACH ROW WHEN (OLD.case_id IS DISTINCT FROM NEW.case_id) EXECUTE FUNCTION cases.report_leads_follow_case();
