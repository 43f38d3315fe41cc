-- The candidate lookup joined each lead to its case to skip closed cases' reports filed before
-- migration 005, which withdraws them when their case closes; that join cost an index probe and a heap
-- read per candidate, for every report. Withdraw those old leads once, and the lookup can trust match_key.
DELETE FROM cases.match_key m
 USING cases.report r, cases.case c
 WHERE m.report_id = r.id AND c.id = r.case_id AND NOT cases.is_open(c.status);

-- A profile is written once and read whole, by the hub only (never queried inside): as text it is
-- stored and returned as sent, where jsonb parsed it on every INSERT and rendered it on every read.
ALTER TABLE cases.match_profile ALTER COLUMN profile TYPE text USING profile::text;

-- A lead's foreign key checked its report (an index probe and a row lock, 7.8 µs a lead measured on
-- 100,000 inserts) for the ~5 leads of every report, though each is inserted in the statement that
-- inserts its report and reports are never deleted: the check guarded nothing that can happen.
ALTER TABLE cases.match_key DROP CONSTRAINT match_key_report_id_fkey;
