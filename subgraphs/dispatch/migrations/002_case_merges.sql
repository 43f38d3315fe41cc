-- When cases merges a case into another, the merged-away case's open assignments are closed (their
-- handling continues on the case it joined). The decision that closed each is kept, so undoing that
-- merge gives the case back its handling, and only then.
ALTER TABLE dispatch.case_plan ADD COLUMN merged_into uuid;
ALTER TABLE dispatch.assignment ADD COLUMN closed_by_merge text;
CREATE INDEX assignment_closed_by_merge_idx ON dispatch.assignment (case_id, closed_by_merge) WHERE closed_by_merge IS NOT NULL;
