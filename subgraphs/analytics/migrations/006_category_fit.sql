-- How a case's category was decided (CHANNEL, RULES, MODEL, OPERATOR), how sure the classifier was, and what
-- the keyword rules alone said: the new-problem detector reads the requests no keyword of the category tree
-- names and the classifier only guesses at. Cases opened before the events carried these stay null (and are
-- not read as poorly placed).
ALTER TABLE analytics.case_fact ADD COLUMN category_source text, ADD COLUMN category_confidence real, ADD COLUMN rules_category text;

-- The new-problem detector finds the alert a group's burst already has by the cases they share.
CREATE INDEX alert_cases_idx ON analytics.alert USING gin (case_ids) WHERE detector = 'NEW_PROBLEM';
