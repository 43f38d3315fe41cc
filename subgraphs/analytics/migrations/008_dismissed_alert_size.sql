-- How many requests an alert held when the command centre decided it: a dismissed alert whose burst is still
-- unusual after the day it was dismissed, with more requests than it was judged on, is open again. Alerts
-- decided before this column compare with their size at the next scan instead.
ALTER TABLE analytics.alert ADD COLUMN decided_report_count integer;
