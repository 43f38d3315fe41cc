-- 高频诉求 (the hotspots) at city scale: the counted cases per Beijing day, place and category, so a month's
-- ranking sums a few rows per place instead of grouping every fact of the month (80,000 at 10⁶ cases a
-- year). The rollup ranks (by cases, reports and the newest case, as the hotspots are ordered); the first few
-- are then read from their own facts through the index below (their name, centre, open and repeated cases).

-- Where a case is, for the hotspots: its community, else its ~500 m grid cell, else its address as written.
-- The one definition the rollup, its index and the queries share (hotspots.ts documents the cell).
CREATE FUNCTION analytics.hotspot_place(community_id text, lat double precision, lng double precision, address text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN COALESCE(community_id, 'cell:' || round(lat / 0.005)::bigint::text || ':' || round(lng / 0.005)::bigint::text, 'addr:' || address);

CREATE TABLE analytics.hotspot_rollup (
  created_day   date NOT NULL,
  place         text NOT NULL,
  category_code text,
  cases         integer NOT NULL,
  -- each case's reports, at least one
  reports       integer NOT NULL,
  -- the newest case's time
  last_at       timestamptz,
  CONSTRAINT hotspot_rollup_key UNIQUE NULLS NOT DISTINCT (created_day, place, category_code)
);

-- A ranked place and category's facts over a period, read straight from the index.
CREATE INDEX case_fact_hotspot_idx ON analytics.case_fact (analytics.hotspot_place(community_id, lat, lng, address), COALESCE(category_code, ''), created_at)
  WHERE merged_into IS NULL;

-- How a statement moved the counted cases between days, places and categories: per case that came to a place
-- (sign 1) or left one (sign -1), the reports it brought or took. A case that stayed where it was moves only
-- its change of reports (sign 0), and one that changed nothing counted here is not a move at all.
CREATE FUNCTION analytics.hotspot_moves(added analytics.case_fact[], removed analytics.case_fact[])
  RETURNS TABLE (created_day date, place text, category_code text, created_at timestamptz, sign bigint, reports bigint)
  LANGUAGE sql STABLE AS $$
  SELECT fact.created_day, analytics.hotspot_place(fact.community_id, fact.lat, fact.lng, fact.address), fact.category_code, fact.created_at,
         sum(fact.sign), sum(fact.sign * GREATEST(fact.report_count, 1))
    FROM (SELECT 1 AS sign, * FROM unnest(added) UNION ALL SELECT -1 AS sign, * FROM unnest(removed)) AS fact
   WHERE fact.created_at IS NOT NULL AND fact.merged_into IS NULL AND analytics.hotspot_place(fact.community_id, fact.lat, fact.lng, fact.address) IS NOT NULL
   GROUP BY fact.case_id, 1, 2, 3, 4
  HAVING sum(fact.sign) <> 0 OR sum(fact.sign * GREATEST(fact.report_count, 1)) <> 0
$$;

-- What a set of fact rows adds and takes away, kept like case_rollup (migration 007): by its statement triggers,
-- in the transaction that changes the facts.
CREATE FUNCTION analytics.roll_up_hotspots(added analytics.case_fact[], removed analytics.case_fact[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  lost_days date[];
  lost_places text[];
  lost_categories text[];
BEGIN
  WITH moves AS MATERIALIZED (SELECT * FROM analytics.hotspot_moves(added, removed)),
  summed AS (
    INSERT INTO analytics.hotspot_rollup AS rollup (created_day, place, category_code, cases, reports, last_at)
    SELECT created_day, place, category_code, sum(sign), sum(reports), max(created_at) FILTER (WHERE sign > 0)
      FROM moves
     GROUP BY 1, 2, 3
     ORDER BY 1, 2, 3
    ON CONFLICT ON CONSTRAINT hotspot_rollup_key DO UPDATE SET
      cases = rollup.cases + EXCLUDED.cases,
      reports = rollup.reports + EXCLUDED.reports,
      last_at = GREATEST(rollup.last_at, EXCLUDED.last_at))
  SELECT array_agg(created_day), array_agg(place), array_agg(category_code) INTO lost_days, lost_places, lost_categories
    FROM (SELECT DISTINCT created_day, place, category_code FROM moves WHERE sign < 0) AS lost;
  -- a place that lost a case may have lost its newest: read it again from the facts as they are now
  IF lost_days IS NOT NULL THEN
    UPDATE analytics.hotspot_rollup AS rollup
       SET last_at = (SELECT max(fact.created_at) FROM analytics.case_fact AS fact
                       WHERE analytics.hotspot_place(fact.community_id, fact.lat, fact.lng, fact.address) = rollup.place
                         AND COALESCE(fact.category_code, '') = COALESCE(rollup.category_code, '') AND fact.merged_into IS NULL
                         AND fact.created_at >= rollup.created_day::timestamp AT TIME ZONE 'Asia/Shanghai'
                         AND fact.created_at < (rollup.created_day + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')
      FROM unnest(lost_days, lost_places, lost_categories) AS lost (created_day, place, category_code)
     WHERE (rollup.created_day, rollup.place) = (lost.created_day, lost.place) AND rollup.category_code IS NOT DISTINCT FROM lost.category_code;
  END IF;
END
$$;

-- Migration 007's trigger function, now feeding both rollups from one copy of the changed rows.
CREATE OR REPLACE FUNCTION analytics.case_facts_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  added analytics.case_fact[] := '{}';
  removed analytics.case_fact[] := '{}';
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    added := ARRAY(SELECT ROW(fact.*)::analytics.case_fact FROM added_facts AS fact);
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    removed := ARRAY(SELECT ROW(fact.*)::analytics.case_fact FROM removed_facts AS fact);
  END IF;
  PERFORM analytics.roll_up_case_facts(added, removed);
  PERFORM analytics.roll_up_hotspots(added, removed);
  RETURN NULL;
END
$$;

-- The facts already projected, a day at a time.
SELECT analytics.roll_up_hotspots(ARRAY(SELECT fact FROM analytics.case_fact AS fact WHERE fact.created_day = days.created_day), '{}'::analytics.case_fact[])
  FROM (SELECT DISTINCT created_day FROM analytics.case_fact WHERE created_day IS NOT NULL) AS days;
