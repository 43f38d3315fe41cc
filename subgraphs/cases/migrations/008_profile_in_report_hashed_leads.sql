-- Every candidate of every incoming report was read in two places: its report row (through the report's
-- primary key) and its profile (through match_profile's), and every new report inserted into both, with
-- a primary key of random uuids to grow. The profile and the keys it was filed under move into the report
-- row: one probe and one row per candidate, one row per report. (A profile is ~0.5 kB: the row stays
-- under the size where PostgreSQL would compress or move it out of line.)
-- match_profile is the profile of revision match_revision (after an update the lookup derives it anew);
-- match_keys and match_keys_at are what the report was filed under in match_key, and at what time, so its
-- leads are withdrawn and filed again exactly.
ALTER TABLE cases.report
  ADD COLUMN match_profile  text,
  ADD COLUMN match_revision integer,
  ADD COLUMN match_keys     text[],
  ADD COLUMN match_keys_at  timestamptz;

UPDATE cases.report r
   SET match_profile = p.profile, match_revision = p.revision, match_keys = p.keys, match_keys_at = p.keys_at
  FROM cases.match_profile p
 WHERE p.report_id = r.id;

DROP TABLE cases.match_profile;

-- A lead's key is a 64-bit hash of the key's text (the text stays in report.match_keys): index entries of
-- fixed size, two fifths smaller, compared as integers rather than through the collation. A collision
-- only adds a lead that scoring turns down. hashtextextended is PostgreSQL's own (hash partitioning's),
-- fixed across versions on one byte order; every statement hashes through this one function, never in the
-- hub. (A one-expression SQL function: the planner inlines it, so an index probe on it stays a probe.)
CREATE FUNCTION cases.lead_key(key text) RETURNS bigint LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT hashtextextended(key, 0) $$;

ALTER TABLE cases.match_key ALTER COLUMN key TYPE bigint USING cases.lead_key(key);

CREATE OR REPLACE FUNCTION cases.withdraw_leads(reports uuid[]) RETURNS void LANGUAGE sql
  SET enable_memoize = off
AS $$
  DELETE FROM cases.match_key m
   USING cases.report r, unnest(r.match_keys) AS k(key)
   WHERE r.id = ANY (reports) AND m.key = cases.lead_key(k.key) AND m.at = r.match_keys_at AND m.report_id = r.id
$$;

CREATE OR REPLACE FUNCTION cases.refile_leads(reports uuid[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO cases.match_key (key, report_id, at)
  SELECT cases.lead_key(k.key), r.id, r.match_keys_at
    FROM cases.report r, unnest(r.match_keys) AS k(key)
   WHERE r.id = ANY (reports)
     AND NOT EXISTS (SELECT 1 FROM cases.match_key m WHERE m.key = cases.lead_key(k.key) AND m.at = r.match_keys_at AND m.report_id = r.id)
$$;
