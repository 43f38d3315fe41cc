/**
 * The SQL the duplicate filter asks, as named statements. Each is written out whole, so a newcomer
 * reads exactly what runs. Filing a report's leads rides in the report's own INSERT (`store.insertReport`);
 * closing and reopening a case withdraw and refile them by triggers (migrations 005, 006, 008).
 */

/**
 * Tier 1 alone (the filter switched off): the report this record was taken as before, locked for its update.
 * $1 channel, $2 source id.
 */
export const SAME_RECORD = `
SELECT id, case_id FROM cases.report WHERE channel = $1 AND source_id = $2 FOR UPDATE`;

/**
 * All three tiers in one statement (each statement is a round trip, and round trips are most of what
 * the filter costs):
 *  - `record`: tier 1, the same record taken before, locked for its update;
 *  - `contact`: tier 2, the reporter's own reports in the window, newest first, with their case's state
 *    (a repeat may join a case closed days ago);
 *  - `key`: tier 3, reports filed under any of the wanted keys, most keys in common first. Each key is
 *    read newest first and only so far ($5 entries, from the index alone), so a key that thousands of
 *    reports share — a long road, a big estate — costs no more than a quiet one. `match_key` holds open
 *    cases' reports only, so these need no look at their case.
 * The text columns come only when no profile of this revision is filed (otherwise they are not read).
 * Times come as epoch milliseconds: a number is parsed for a fraction of a timestamp's cost. The hub
 * orders the handful of rows itself: a sort is plan nodes set up and torn down for every report.
 *
 * $1 wanted keys, $2..$3 the keys' window, $4 candidates per tier, $5 entries read per key,
 * $6 contact hash, $7 the contact window's start, $8 channel, $9 source id.
 */
export const CANDIDATES = `
WITH same_record AS (
       SELECT 'record' AS via, r.id, r.case_id, r.revision, date_part('epoch', r.received_at) * 1000 AS received_at,
              r.lng, r.lat, r.contact_hash,
              CASE WHEN r.match_revision = r.revision THEN r.match_profile END AS match_profile,
              CASE WHEN r.match_revision IS DISTINCT FROM r.revision THEN r.title END AS title,
              CASE WHEN r.match_revision IS DISTINCT FROM r.revision THEN r.text END AS text,
              CASE WHEN r.match_revision IS DISTINCT FROM r.revision THEN r.address END AS address,
              CASE WHEN r.match_revision IS DISTINCT FROM r.revision THEN r.category_hint END AS category_hint,
              NULL::text AS case_status, NULL::float8 AS case_updated_at, NULL::int AS shared, NULL::float8 AS latest
         FROM cases.report r
        WHERE r.channel = $8 AND r.source_id = $9
          FOR UPDATE OF r),
     hits AS (
       SELECT k.report_id, count(*) AS shared, max(k.at) AS latest
         FROM unnest($1::text[]) AS wanted(key)
        CROSS JOIN LATERAL (
              SELECT m.report_id, m.at FROM cases.match_key m
               WHERE m.key = cases.lead_key(wanted.key) AND m.at >= $2 AND m.at <= $3
               ORDER BY m.at DESC LIMIT $5) k
        GROUP BY k.report_id
        ORDER BY shared DESC, latest DESC
        LIMIT $4),
     by_key AS (
       SELECT 'key' AS via, r.id, r.case_id, r.revision, date_part('epoch', r.received_at) * 1000 AS received_at,
              r.lng, r.lat, r.contact_hash,
              CASE WHEN r.match_revision = r.revision THEN r.match_profile END AS match_profile,
              CASE WHEN r.match_revision IS DISTINCT FROM r.revision THEN r.title END AS title,
              CASE WHEN r.match_revision IS DISTINCT FROM r.revision THEN r.text END AS text,
              CASE WHEN r.match_revision IS DISTINCT FROM r.revision THEN r.address END AS address,
              CASE WHEN r.match_revision IS DISTINCT FROM r.revision THEN r.category_hint END AS category_hint,
              NULL::text AS case_status, NULL::float8 AS case_updated_at,
              hits.shared::int AS shared, date_part('epoch', hits.latest) * 1000 AS latest
         FROM hits JOIN cases.report r ON r.id = hits.report_id),
     by_contact AS (
       SELECT 'contact' AS via, r.id, r.case_id, r.revision, date_part('epoch', r.received_at) * 1000 AS received_at,
              r.lng, r.lat, r.contact_hash,
              CASE WHEN r.match_revision = r.revision THEN r.match_profile END AS match_profile,
              CASE WHEN r.match_revision IS DISTINCT FROM r.revision THEN r.title END AS title,
              CASE WHEN r.match_revision IS DISTINCT FROM r.revision THEN r.text END AS text,
              CASE WHEN r.match_revision IS DISTINCT FROM r.revision THEN r.address END AS address,
              CASE WHEN r.match_revision IS DISTINCT FROM r.revision THEN r.category_hint END AS category_hint,
              c.status AS case_status, date_part('epoch', c.updated_at) * 1000 AS case_updated_at,
              NULL::int AS shared, NULL::float8 AS latest
         FROM cases.report r JOIN cases.case c ON c.id = r.case_id
        WHERE r.contact_hash = $6 AND r.received_at >= $7 AND r.received_at <= $3
        ORDER BY r.received_at DESC
        LIMIT $4)
SELECT * FROM same_record UNION ALL SELECT * FROM by_contact UNION ALL SELECT * FROM by_key`;
