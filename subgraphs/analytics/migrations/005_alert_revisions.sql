-- The command centre's live feed of alerts (the `alertChanges` query and subscription): every alert filed,
-- grown or decided gets the next revision, and a subscriber asks for what came after the last one it saw.
-- Writers of alerts (the hourly scan, a decision) take one lock first, so revisions become visible in
-- the order they were taken and a reader never passes over one committed late.
CREATE SEQUENCE analytics.alert_revision;
ALTER TABLE analytics.alert ADD COLUMN revision bigint;
UPDATE analytics.alert SET revision = nextval('analytics.alert_revision');
ALTER TABLE analytics.alert
  ALTER COLUMN revision SET DEFAULT nextval('analytics.alert_revision'),
  ALTER COLUMN revision SET NOT NULL;
CREATE UNIQUE INDEX alert_revision_idx ON analytics.alert (revision);

CREATE FUNCTION analytics.next_alert_revision() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('analytics.alert_revision'));
  NEW.revision := nextval('analytics.alert_revision');
  RETURN NEW;
END $$;

CREATE TRIGGER alert_revision BEFORE INSERT OR UPDATE ON analytics.alert
  FOR EACH ROW EXECUTE FUNCTION analytics.next_alert_revision();

CREATE OR REPLACE VIEW analytics.alert_as_read AS
SELECT alert_id, detector, place, place_name, category_code,
       to_char(opened_on, 'YYYY-MM-DD') AS opened_on,
       to_char(last_unusual_on, 'YYYY-MM-DD') AS last_unusual_on,
       to_char(closed_on, 'YYYY-MM-DD') AS closed_on,
       report_count, observed, expected, p_value, case_ids, status, decided_by, decided_at, decision_reason, raised_at,
       revision
  FROM analytics.alert;
