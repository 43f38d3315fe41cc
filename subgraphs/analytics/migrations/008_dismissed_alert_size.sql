-- How many requests an alert held when the command centre decided it: a dismissed alert whose burst grows past
-- that is open again (the false alarm was judged on fewer requests than it has now).
ALTER TABLE analytics.alert ADD COLUMN decided_report_count integer;
UPDATE analytics.alert SET decided_report_count = report_count WHERE status <> 'OPEN';
