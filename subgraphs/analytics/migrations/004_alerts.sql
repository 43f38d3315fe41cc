-- Emerging-issue alerts (未诉先办): a problem growing past its own baseline at one place, or a problem type
-- taking a larger share of the city's requests. One row per alert, keyed by what it is about and the day
-- it opened, so a scan run again (or a replay of history) finds the same row and lets it grow in place.
-- The command centre's decision (acknowledged, dismissed with a reason) stays with the row.
CREATE TABLE analytics.alert (
  alert_id          text PRIMARY KEY,
  detector          text NOT NULL,
  place             text,
  place_name        text,
  category_code     text NOT NULL,
  opened_on         date NOT NULL,
  last_unusual_on   date NOT NULL,
  closed_on         date,
  report_count      integer NOT NULL,
  observed          integer NOT NULL,
  expected          double precision NOT NULL,
  p_value           double precision NOT NULL,
  case_ids          text[] NOT NULL,
  status            text NOT NULL DEFAULT 'OPEN',
  decided_by        text,
  decided_at        timestamptz,
  decision_reason   text,
  raised_at         timestamptz NOT NULL,
  updated_at        timestamptz NOT NULL
);
CREATE INDEX alert_newest_idx ON analytics.alert (last_unusual_on DESC, alert_id);

-- What the graph reads: the days as Beijing dates written out (a driver would turn a date into a
-- midnight in its own time zone).
CREATE VIEW analytics.alert_as_read AS
SELECT alert_id, detector, place, place_name, category_code,
       to_char(opened_on, 'YYYY-MM-DD') AS opened_on,
       to_char(last_unusual_on, 'YYYY-MM-DD') AS last_unusual_on,
       to_char(closed_on, 'YYYY-MM-DD') AS closed_on,
       report_count, observed, expected, p_value, case_ids, status, decided_by, decided_at, decision_reason, raised_at
  FROM analytics.alert;

-- The scan reads requests by the day they came in (and the day the city's records begin).
CREATE INDEX report_received_idx ON analytics.report (received_at);
