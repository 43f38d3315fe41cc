-- Withdrawing a closing case's leads must probe the index once per (key, at) it filed. Once the leads
-- have statistics (the hub's vacuum analyses them), the planner preferred to memoize each key's whole
-- list of entries and filter it: a busy road's thousands of entries read for every report that names it.
-- EXPLAIN ANALYZE, 20 reports on a road with 3,244 entries (80,000 reports stored): 14.8 ms and 65,024
-- entries read and thrown away that way, 0.7 ms and 89 entries by the probes.
CREATE OR REPLACE FUNCTION cases.withdraw_leads(reports uuid[]) RETURNS void LANGUAGE sql
  SET enable_memoize = off
AS $$
  DELETE FROM cases.match_key m
   USING cases.match_profile p, unnest(p.keys) AS k(key)
   WHERE p.report_id = ANY (reports) AND m.key = k.key AND m.at = p.keys_at AND m.report_id = p.report_id
$$;
