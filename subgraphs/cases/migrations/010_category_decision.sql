-- How a case's category was decided (the channel named it, the keyword rules, the trained classifier, an
-- operator) and how sure the hub is of it; an operator's correction is kept for the classifier's next refit.
ALTER TABLE cases.case ADD COLUMN category_source text;
ALTER TABLE cases.case ADD COLUMN category_confidence real;

CREATE TABLE cases.category_correction (
  id           bigserial PRIMARY KEY,
  case_id      uuid NOT NULL,
  from_code    text,
  to_code      text NOT NULL,
  corrected_by text NOT NULL,
  reason       text,
  corrected_at timestamptz NOT NULL
);
CREATE INDEX category_correction_case ON cases.category_correction (case_id, corrected_at);
