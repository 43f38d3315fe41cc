-- Candidate lookup reads the newest entries of each key backwards and needs only the report id:
-- with the id in the index, a busy key (a long road, a big estate) is read from the index alone.
CREATE INDEX match_key_newest_idx ON cases.match_key (key, at DESC) INCLUDE (report_id);
DROP INDEX cases.match_key_lookup_idx;
