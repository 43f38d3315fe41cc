-- The counted cases (case_fact rows opened and not merged away) summed per Beijing day and per one dimension:
-- what the 三率 and the trends read at city scale instead of every fact. A year of 10⁶ cases over a city's
-- streets is thousands of rows here. Each row holds one day's sums for one value of one dimension
-- (grain ALL: every case of the day, key null), so a query grouped by a period and at most one of
-- street, community, category, channel or department reads one grain; other groupings read the facts.
--
-- Kept by the database in the transaction that changes the facts: a statement trigger subtracts the
-- changed rows as they were and adds them as they are, whoever wrote them (the projector, a replay).
-- The per-case counts are those of KPI_CONDITIONS in threeRates.ts. One of them is judged at the time of
-- the query: a case still open past its deadline counts as SLA-judged. `deadline_resolved` counts the
-- resolved cases that had a deadline; case_open_deadline below counts the open ones by their deadline's
-- day, so a query adds those due before today and reads only today's from the facts.
CREATE TABLE analytics.case_rollup (
  -- ALL, STREET, COMMUNITY, CATEGORY, CHANNEL or DEPARTMENT
  grain              text NOT NULL,
  created_day        date NOT NULL,
  -- the dimension's value; null for grain ALL and for cases not (yet) placed in the dimension
  key                text,
  -- the area's or department's name as the newest fact gives it
  name               text,
  cases              integer NOT NULL,
  responded_on_time  integer NOT NULL,
  resolved           integer NOT NULL,
  evaluated          integer NOT NULL,
  satisfied          integer NOT NULL,
  deadline_resolved  integer NOT NULL,
  sla_met            integer NOT NULL,
  repeated           integer NOT NULL,
  CONSTRAINT case_rollup_key UNIQUE NULLS NOT DISTINCT (grain, created_day, key)
);

-- The open cases that have a deadline, per grain, day opened, key and the Beijing day of their deadline.
CREATE TABLE analytics.case_open_deadline (
  grain        text NOT NULL,
  created_day  date NOT NULL,
  key          text,
  deadline_day date NOT NULL,
  open         integer NOT NULL,
  CONSTRAINT case_open_deadline_key UNIQUE NULLS NOT DISTINCT (grain, created_day, key, deadline_day)
);

-- The open cases due today, judged against the time of the query.
CREATE INDEX case_fact_open_deadline_idx ON analytics.case_fact (deadline_at) WHERE merged_into IS NULL AND NOT resolved;

-- The sums a set of fact rows adds (sign 1) or takes away (sign -1), per grain, day and key.
-- PL/pgSQL rather than SQL: its statement's plan is kept between calls (a SQL function is planned on each).
CREATE FUNCTION analytics.roll_up_case_facts(added analytics.case_fact[], removed analytics.case_fact[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  WITH change AS (
    SELECT fact.*, dimension.grain, dimension.key, dimension.name
      FROM (SELECT 1 AS sign, * FROM unnest(added) UNION ALL SELECT -1 AS sign, * FROM unnest(removed)) AS fact
     CROSS JOIN LATERAL (VALUES ('ALL', NULL, NULL),
                                ('STREET', fact.street_id, fact.street_name),
                                ('COMMUNITY', fact.community_id, fact.community_name),
                                ('CATEGORY', fact.category_code, NULL),
                                ('CHANNEL', fact.channel, NULL),
                                ('DEPARTMENT', fact.department_id, fact.department_name)) AS dimension (grain, key, name)
     WHERE fact.created_at IS NOT NULL AND fact.merged_into IS NULL),
  counts AS (
    INSERT INTO analytics.case_rollup AS rollup (grain, created_day, key, name, cases, responded_on_time, resolved, evaluated, satisfied, deadline_resolved, sla_met, repeated)
    SELECT grain, created_day, key, name, cases, responded_on_time, resolved, evaluated, satisfied, deadline_resolved, sla_met, repeated FROM (
      SELECT grain, created_day, key, max(name) FILTER (WHERE sign = 1) AS name, max(name) FILTER (WHERE sign = -1) AS name_before,
             COALESCE(sum(sign), 0) AS cases,
             COALESCE(sum(sign) FILTER (WHERE responded_at IS NOT NULL AND (deadline_at IS NULL OR responded_at <= deadline_at)), 0) AS responded_on_time,
             COALESCE(sum(sign) FILTER (WHERE resolved), 0) AS resolved,
             COALESCE(sum(sign) FILTER (WHERE satisfied IS NOT NULL), 0) AS evaluated,
             COALESCE(sum(sign) FILTER (WHERE satisfied), 0) AS satisfied,
             COALESCE(sum(sign) FILTER (WHERE deadline_at IS NOT NULL AND resolved), 0) AS deadline_resolved,
             COALESCE(sum(sign) FILTER (WHERE deadline_at IS NOT NULL AND resolved AND resolved_at <= deadline_at), 0) AS sla_met,
             COALESCE(sum(sign) FILTER (WHERE has_repeat), 0) AS repeated
        FROM change
       GROUP BY grain, created_day, key) AS delta
    -- a change that moves no count and renames nothing (a status, a title, a light) writes nothing
    WHERE (cases, responded_on_time, resolved, evaluated, satisfied, deadline_resolved, sla_met, repeated) <> (0, 0, 0, 0, 0, 0, 0, 0)
       OR (name IS NOT NULL AND name IS DISTINCT FROM name_before)
    ORDER BY grain, created_day, key
    ON CONFLICT ON CONSTRAINT case_rollup_key DO UPDATE SET
      name = COALESCE(EXCLUDED.name, rollup.name),
      cases = rollup.cases + EXCLUDED.cases,
      responded_on_time = rollup.responded_on_time + EXCLUDED.responded_on_time,
      resolved = rollup.resolved + EXCLUDED.resolved,
      evaluated = rollup.evaluated + EXCLUDED.evaluated,
      satisfied = rollup.satisfied + EXCLUDED.satisfied,
      deadline_resolved = rollup.deadline_resolved + EXCLUDED.deadline_resolved,
      sla_met = rollup.sla_met + EXCLUDED.sla_met,
      repeated = rollup.repeated + EXCLUDED.repeated)
  INSERT INTO analytics.case_open_deadline AS open_cases (grain, created_day, key, deadline_day, open)
  SELECT grain, created_day, key, (deadline_at AT TIME ZONE 'Asia/Shanghai')::date, sum(sign)
    FROM change
   WHERE deadline_at IS NOT NULL AND NOT resolved
   GROUP BY 1, 2, 3, 4
  HAVING sum(sign) <> 0
   ORDER BY 1, 2, 3, 4
  ON CONFLICT ON CONSTRAINT case_open_deadline_key DO UPDATE SET open = open_cases.open + EXCLUDED.open;
END
$$;

CREATE FUNCTION analytics.case_facts_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM analytics.roll_up_case_facts(ARRAY(SELECT ROW(added.*)::analytics.case_fact FROM added_facts AS added), '{}'::analytics.case_fact[]);
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM analytics.roll_up_case_facts(ARRAY(SELECT ROW(added.*)::analytics.case_fact FROM added_facts AS added), ARRAY(SELECT ROW(removed.*)::analytics.case_fact FROM removed_facts AS removed));
  ELSE
    PERFORM analytics.roll_up_case_facts('{}'::analytics.case_fact[], ARRAY(SELECT ROW(removed.*)::analytics.case_fact FROM removed_facts AS removed));
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER case_facts_inserted AFTER INSERT ON analytics.case_fact
  REFERENCING NEW TABLE AS added_facts FOR EACH STATEMENT EXECUTE FUNCTION analytics.case_facts_changed();
CREATE TRIGGER case_facts_updated AFTER UPDATE ON analytics.case_fact
  REFERENCING OLD TABLE AS removed_facts NEW TABLE AS added_facts FOR EACH STATEMENT EXECUTE FUNCTION analytics.case_facts_changed();
CREATE TRIGGER case_facts_deleted AFTER DELETE ON analytics.case_fact
  REFERENCING OLD TABLE AS removed_facts FOR EACH STATEMENT EXECUTE FUNCTION analytics.case_facts_changed();

-- The facts already projected, a day at a time (one day's facts in memory at once).
SELECT analytics.roll_up_case_facts(ARRAY(SELECT fact FROM analytics.case_fact AS fact WHERE fact.created_day = days.created_day), '{}'::analytics.case_fact[])
  FROM (SELECT DISTINCT created_day FROM analytics.case_fact WHERE created_day IS NOT NULL) AS days;
