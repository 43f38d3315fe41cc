-- What the duplicate filter derived from a report (keywords, bigrams, places, category), kept so a
-- candidate is compared without segmenting its text again: per report revision, since an update
-- changes the text (an older revision's profile is ignored and recomputed).
CREATE TABLE cases.match_profile (
  report_id uuid PRIMARY KEY REFERENCES cases.report (id),
  revision  integer NOT NULL,
  profile   jsonb NOT NULL
);
