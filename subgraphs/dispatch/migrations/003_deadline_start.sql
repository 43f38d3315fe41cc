-- The moment an assignment's deadline counts from: receipt for the first dispatch of a round (the rules'
-- time limits run from 受理), the new dispatch for a reassignment or a manual dispatch. The yellow light's
-- half-way point counts from the same moment as the deadline.
ALTER TABLE dispatch.assignment ADD COLUMN due_from timestamptz;
UPDATE dispatch.assignment a
   SET due_from = CASE WHEN a.due_at = p.due_at THEN p.created_at ELSE a.dispatched_at END
  FROM dispatch.case_plan p
 WHERE p.case_id = a.case_id AND a.due_at IS NOT NULL;
