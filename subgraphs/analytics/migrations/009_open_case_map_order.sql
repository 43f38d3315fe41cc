-- The open-case map takes its 500 points red first, then yellow, then the longest open (openCases.ts): read in
-- that order from this index instead of sorting every open case (72-106 ms at 10^6 cases with 62,500 open; 0.8 ms).
CREATE INDEX case_fact_map_order_idx ON analytics.case_fact ((CASE light WHEN 'RED' THEN 0 WHEN 'YELLOW' THEN 1 ELSE 2 END), created_at, case_id)
  WHERE merged_into IS NULL AND NOT resolved;
-- Without statistics of its own, COALESCE(status, 'RECEIVED') IN (...) is guessed to keep one row in 65: the
-- planner then expects too few open cases to walk the index for and sorts them all instead.
CREATE STATISTICS case_fact_status_stats ON (COALESCE(status, 'RECEIVED')) FROM analytics.case_fact;
