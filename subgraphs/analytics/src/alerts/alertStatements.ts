/**
 * The SQL the emerging-issue alerts ask, as named statements. A place is what the hotspots call one
 * (`analytics.hotspot_place`, migration 010): the case's community, else its ~500 m grid cell (0.005°), else its
 * address as written. Days are Beijing days.
 */

/** The Beijing day of the first request the read model holds: no place's history starts before it. */
export const FIRST_REQUEST_DAY = `
SELECT to_char(min(received_at) AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS day FROM analytics.report`;

/**
 * Requests per place × problem per day, over the Beijing days [$1, $2] (inclusive); `day` counts from $1.
 * A merged report counts under the case it is in now.
 */
export const PLACE_PROBLEM_COUNTS = `
SELECT analytics.hotspot_place(f.community_id, f.lat, f.lng, f.address) AS place,
       max(COALESCE(f.community_name, f.address)) AS place_name,
       f.category_code,
       (r.received_at AT TIME ZONE 'Asia/Shanghai')::date - $1::date AS day,
       count(*)::int AS reports
  FROM analytics.report r
  JOIN analytics.case_fact f ON f.case_id = r.case_id
 WHERE r.received_at >= $1::date::timestamp AT TIME ZONE 'Asia/Shanghai'
   AND r.received_at < ($2::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai'
   AND f.classified_at IS NOT NULL
   AND (f.community_id IS NOT NULL OR f.address IS NOT NULL OR (f.lat IS NOT NULL AND f.lng IS NOT NULL))
 GROUP BY 1, 3, 4`;

/**
 * Each case's requests through one channel over the Beijing days [$1, $2] (classified, at a place, as the
 * place × problem counts), where it came twice or more: the days of its requests (counted from $1, oldest
 * first), its place and problem. What the per-case detector tests.
 */
export const REPEATED_CASE_REPORTS = `
SELECT r.case_id, r.channel,
       analytics.hotspot_place(f.community_id, f.lat, f.lng, f.address) AS place,
       COALESCE(f.community_name, f.address) AS place_name,
       f.category_code,
       array_agg((r.received_at AT TIME ZONE 'Asia/Shanghai')::date - $1::date ORDER BY r.received_at) AS days
  FROM analytics.report r
  JOIN analytics.case_fact f ON f.case_id = r.case_id
 WHERE r.received_at >= $1::date::timestamp AT TIME ZONE 'Asia/Shanghai'
   AND r.received_at < ($2::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai'
   AND f.classified_at IS NOT NULL
   AND (f.community_id IS NOT NULL OR f.address IS NOT NULL OR (f.lat IS NOT NULL AND f.lng IS NOT NULL))
 GROUP BY r.case_id, r.channel, 3, 4, 5
HAVING count(*) >= 2
 ORDER BY r.case_id, r.channel`;

/**
 * Per problem, channel and day over [$1, $2], the cases whose first request through the channel came that day
 * (a case reached through two channels counts in each): the history the per-case detector judges a case against.
 */
export const CASE_OPENINGS = `
SELECT category_code, channel, day, count(*)::int AS cases
  FROM (SELECT f.category_code, r.channel, min((r.received_at AT TIME ZONE 'Asia/Shanghai')::date) - $1::date AS day
          FROM analytics.report r
          JOIN analytics.case_fact f ON f.case_id = r.case_id
         WHERE r.received_at >= $1::date::timestamp AT TIME ZONE 'Asia/Shanghai'
           AND r.received_at < ($2::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai'
           AND f.classified_at IS NOT NULL
           AND (f.community_id IS NOT NULL OR f.address IS NOT NULL OR (f.lat IS NOT NULL AND f.lng IS NOT NULL))
         GROUP BY r.case_id, r.channel, f.category_code) AS first_request
 GROUP BY 1, 2, 3`;

/** Requests per problem type per day over [$1, $2], wherever they came from (the share detector's input). */
export const PROBLEM_COUNTS = `
SELECT f.category_code,
       (r.received_at AT TIME ZONE 'Asia/Shanghai')::date - $1::date AS day,
       count(*)::int AS reports
  FROM analytics.report r
  JOIN analytics.case_fact f ON f.case_id = r.case_id
 WHERE r.received_at >= $1::date::timestamp AT TIME ZONE 'Asia/Shanghai'
   AND r.received_at < ($2::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai'
   AND f.classified_at IS NOT NULL
 GROUP BY 1, 2`;

/**
 * The requests over [$1, $2] whose case the category tree does not place: no keyword of the tree names it
 * (the rules say 其他) and the classifier, if asked, was under $3 sure of its guess; and not put elsewhere
 * since (a correction, dispatch's classification). A case whose category a channel or an operator named is
 * placed. Each request under its case's title; `day` counts from $1; oldest first.
 */
export const POORLY_PLACED_REQUESTS = `
SELECT f.case_id, f.title, (r.received_at AT TIME ZONE 'Asia/Shanghai')::date - $1::date AS day
  FROM analytics.report r
  JOIN analytics.case_fact f ON f.case_id = r.case_id
 WHERE r.received_at >= $1::date::timestamp AT TIME ZONE 'Asia/Shanghai'
   AND r.received_at < ($2::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai'
   AND f.title IS NOT NULL
   AND f.category_code = f.opened_category
   AND f.category_source IN ('MODEL', 'RULES')
   AND f.rules_category LIKE '99%'
   AND (f.category_confidence IS NULL OR f.category_confidence < $3)
 ORDER BY day, f.case_id`;

/**
 * The new-problem alert already filed whose span meets [$2, $3] and that holds one of the cases $1: a group
 * found again (named by another first case when the scan's window moved on) belongs to it.
 */
export const SAME_NEW_PROBLEM = `
SELECT alert_id FROM analytics.alert
 WHERE detector = 'NEW_PROBLEM' AND case_ids && $1::text[]
   AND opened_on <= $3::date AND (closed_on IS NULL OR closed_on >= $2::date)
 ORDER BY opened_on
 LIMIT 1`;

/**
 * The cases an alert holds: those with a request about its problem (at its place, when it has one) over the
 * Beijing days [$3, $4], newest first, at most $5. $1 place or null (city-wide), $2 category code.
 */
export const ALERT_CASES = `
SELECT r.case_id
  FROM analytics.report r
  JOIN analytics.case_fact f ON f.case_id = r.case_id
 WHERE f.category_code = $2
   AND ($1::text IS NULL OR analytics.hotspot_place(f.community_id, f.lat, f.lng, f.address) = $1)
   AND r.received_at >= $3::date::timestamp AT TIME ZONE 'Asia/Shanghai'
   AND r.received_at < ($4::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai'
 GROUP BY r.case_id
 ORDER BY max(r.received_at) DESC, r.case_id
 LIMIT $5`;

/**
 * The alert already filed about the same thing whose span meets [$4, $5] (opened on or before $5, not closed
 * before $4): the one a burst found again belongs to, even when late requests moved its first day, or another
 * of the detectors $1 found it first. $1 detectors, $2 place or null, $3 category code.
 */
export const SAME_BURST = `
SELECT alert_id FROM analytics.alert
 WHERE detector = ANY($1::text[]) AND place IS NOT DISTINCT FROM $2 AND category_code = $3
   AND opened_on <= $5::date AND (closed_on IS NULL OR closed_on >= $4::date)
 ORDER BY opened_on
 LIMIT 1`;

/** A dismissed alert to open again (FILE_ALERT). */
const REOPENED = `alert.status = 'DISMISSED'
  AND EXCLUDED.last_unusual_on > (alert.decided_at AT TIME ZONE 'Asia/Shanghai')::date
  AND EXCLUDED.report_count > COALESCE(alert.decided_report_count, alert.report_count)`;

/**
 * Files an alert, or lets the one already filed grow (its last unusual day, closing, count and cases); what
 * it opened with and the command centre's decision stay. But a dismissed alert whose burst is unusual on a
 * day after the (Beijing) day it was dismissed, with more requests than it held then, is open again and
 * undecided: the false alarm was judged on less than it is now. `inserted` says which.
 */
export const FILE_ALERT = `
INSERT INTO analytics.alert (alert_id, detector, place, place_name, category_code, opened_on, last_unusual_on, closed_on,
                             report_count, observed, expected, p_value, case_ids, raised_at, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14)
ON CONFLICT (alert_id) DO UPDATE
   SET place_name = EXCLUDED.place_name, last_unusual_on = EXCLUDED.last_unusual_on, closed_on = EXCLUDED.closed_on,
       report_count = EXCLUDED.report_count, case_ids = EXCLUDED.case_ids, updated_at = EXCLUDED.updated_at,
       status = CASE WHEN ${REOPENED} THEN 'OPEN' ELSE alert.status END,
       decided_by = CASE WHEN ${REOPENED} THEN NULL ELSE alert.decided_by END,
       decided_at = CASE WHEN ${REOPENED} THEN NULL ELSE alert.decided_at END,
       decision_reason = CASE WHEN ${REOPENED} THEN NULL ELSE alert.decision_reason END
 WHERE (alert.place_name, alert.last_unusual_on, alert.closed_on, alert.report_count, alert.case_ids)
       IS DISTINCT FROM (EXCLUDED.place_name, EXCLUDED.last_unusual_on, EXCLUDED.closed_on, EXCLUDED.report_count, EXCLUDED.case_ids)
RETURNING (xmax = 0) AS inserted`;

/**
 * Alerts, the most recently unusual first: $1 statuses (null: all), $2 detector (null: both), $3 category
 * code or a branch's prefix (null: all), $4 the earliest last unusual day (null: any), $5 how many.
 */
export const ALERTS = `
SELECT * FROM analytics.alert_as_read
 WHERE ($1::text[] IS NULL OR status = ANY($1))
   AND ($2::text IS NULL OR detector = $2)
   AND ($3::text IS NULL OR category_code LIKE $3 || '%')
   AND ($4::text IS NULL OR last_unusual_on >= $4)
 ORDER BY last_unusual_on DESC, alert_id
 LIMIT $5`;

/** Alerts as they stand after the changes after revision $1, the oldest change first, at most $2. */
export const ALERT_CHANGES = `
SELECT *, revision::text AS cursor FROM analytics.alert_as_read WHERE revision > $1::bigint ORDER BY revision LIMIT $2`;

/** The newest revision now (0 before any alert): where a feed without a cursor of its own starts. */
export const ALERT_HEAD = `SELECT COALESCE(max(revision), 0)::text AS head FROM analytics.alert`;

/** One alert, locked for a decision. */
export const LOCK_ALERT = `SELECT status FROM analytics.alert WHERE alert_id = $1 FOR UPDATE`;

/** One alert as the graph reads it. */
export const ALERT = `SELECT * FROM analytics.alert_as_read WHERE alert_id = $1`;

/** The command centre's decision: $2 status, $3 who, $4 when, $5 why; and the alert's size it was judged at. */
export const DECIDE_ALERT = `
UPDATE analytics.alert SET status = $2, decided_by = $3, decided_at = $4, decision_reason = $5, decided_report_count = report_count WHERE alert_id = $1`;

/** The decision in the audit log, as the other services' Audited events are kept. */
export const AUDIT_ALERT_DECISION = `
INSERT INTO analytics.audit_log (audit_id, service, action, subject_type, subject_id, actor, before, after, reason, at)
VALUES ($1, 'analytics', $2, 'Alert', $3, $4, $5, $6, $7, $8)`;

/**
 * How each detector has fared with the command centre, over the alerts opened on Beijing days [$1, $2]:
 * raised, still open, acted on, dismissed as false alarms.
 */
export const ALERT_OUTCOMES = `
SELECT detector,
       count(*)::int AS raised,
       count(*) FILTER (WHERE status = 'OPEN')::int AS open,
       count(*) FILTER (WHERE status = 'ACKNOWLEDGED')::int AS acknowledged,
       count(*) FILTER (WHERE status = 'DISMISSED')::int AS dismissed
  FROM analytics.alert
 WHERE opened_on BETWEEN $1::date AND $2::date
 GROUP BY detector
 ORDER BY detector`;
