-- A reminder is sent by one replica only: the sweep claims it (until claimed_until) before sending, and a
-- replica skips reminders another holds. A claim that outlives a crashed sender lapses and the next sweep
-- sends it.
ALTER TABLE dispatch.reminder ADD COLUMN claimed_until timestamptz;
