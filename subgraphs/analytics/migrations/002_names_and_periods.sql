-- The names of a case's street and community as dispatch's organisation file gives them (二七街道,
-- 工农路社区): what the dashboard and the KPI rows show beside the ids.
ALTER TABLE analytics.case_fact ADD COLUMN street_name text, ADD COLUMN community_name text;

-- The Beijing calendar day and month a case was opened, stored: the 三率 by period group by these dates
-- instead of converting and formatting every row's timestamp at query time (1,000,000 rows per query).
ALTER TABLE analytics.case_fact
  ADD COLUMN created_day date GENERATED ALWAYS AS ((created_at AT TIME ZONE 'Asia/Shanghai')::date) STORED,
  ADD COLUMN created_month date GENERATED ALWAYS AS (date_trunc('month', created_at AT TIME ZONE 'Asia/Shanghai')::date) STORED;
