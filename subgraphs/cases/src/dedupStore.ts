import type { Sql } from '@huying/runtime';
import type { CaseStatus, Channel, GeoPoint } from '@huying/schema';
import type { ProfileSource } from './dedup/reportProfile';
import { pointOf } from './store';

/**
 * SQL of the duplicate filter's lookup: the same record taken before (locked), the reporter's own
 * earlier reports (by contact hash) and other reports filed under the same keys, in one statement
 * (each statement is a round trip, and round trips are most of what the filter costs). Filing is the
 * report INSERT's (`store.insertReport`).
 */

export interface CandidateReport {
  reportId: string;
  caseId: string;
  revision: number;
  /**
   * The profile filed with this revision, as JSON (parsed only when not cached), with the fields it
   * leaves on the report row; or, for a report filed before profiles were kept, the fields to derive it.
   */
  profile: { stored: string; location: GeoPoint | null; receivedAt: Date; contactHash: string | null } | { source: ProfileSource };
}

/** A reporter's own earlier report, with its case's state: a repeat may join a case closed days ago. */
export interface ContactCandidate extends CandidateReport {
  caseStatus: CaseStatus;
  caseUpdatedAt: Date;
}

export interface CandidateLookup {
  /** The record's channel and its id there (tier 1). */
  record: { channel: Channel; sourceId: string };
  /** The reporter's contact hash (tier 2), if known. */
  contactHash: string | null;
  contactFrom: Date;
  /** The lookup keys (tier 3). */
  keys: readonly string[];
  keysFrom: Date;
  to: Date;
  /** Candidates per tier, and entries read per key. */
  limits: { reports: number; perKey: number };
}

interface CandidateRow {
  via: 'record' | 'contact' | 'key';
  id: string;
  case_id: string;
  revision: number;
  received_at: number;
  lng: number | null;
  lat: number | null;
  contact_hash: string | null;
  title: string | null;
  text: string | null;
  address: string | null;
  category_hint: string | null;
  case_status: CaseStatus | null;
  case_updated_at: number | null;
  match_profile: string | null;
  /** Tier 3's order: keys in common, then the newest of them (epoch ms). */
  shared: number | null;
  latest: number | null;
}

// The text columns only when no profile of this revision is filed: otherwise they are not read. Times
// as epoch milliseconds: a number is parsed for a fraction of a timestamp's cost. Only tier 2 reads the case.
const CANDIDATE_COLUMNS = `r.id, r.case_id, r.revision, date_part('epoch', r.received_at) * 1000 AS received_at, r.lng, r.lat, r.contact_hash,
  CASE WHEN r.match_revision = r.revision THEN r.match_profile END AS match_profile,
  CASE WHEN r.match_revision IS DISTINCT FROM r.revision THEN r.title END AS title,
  CASE WHEN r.match_revision IS DISTINCT FROM r.revision THEN r.text END AS text,
  CASE WHEN r.match_revision IS DISTINCT FROM r.revision THEN r.address END AS address,
  CASE WHEN r.match_revision IS DISTINCT FROM r.revision THEN r.category_hint END AS category_hint`;
const CASE_COLUMNS = `c.status AS case_status, date_part('epoch', c.updated_at) * 1000 AS case_updated_at`;
const NO_CASE_COLUMNS = 'NULL::text AS case_status, NULL::float8 AS case_updated_at';
const HIT_COLUMNS = `hits.shared::int AS shared, date_part('epoch', hits.latest) * 1000 AS latest`;
const NO_HIT_COLUMNS = 'NULL::int AS shared, NULL::float8 AS latest';

const toCandidate = (row: CandidateRow): CandidateReport => {
  const location = pointOf(row);
  const receivedAt = new Date(row.received_at);
  return {
    reportId: row.id,
    caseId: row.case_id,
    revision: row.revision,
    profile:
      row.match_profile !== null
        ? { stored: row.match_profile, location, receivedAt, contactHash: row.contact_hash }
        : { source: { title: row.title, text: row.text ?? '', address: row.address, location, categoryHint: row.category_hint, receivedAt, contactHash: row.contact_hash } },
  };
};

const toContactCandidate = (row: CandidateRow): ContactCandidate => ({
  ...toCandidate(row),
  caseStatus: row.case_status!,
  caseUpdatedAt: new Date(row.case_updated_at!),
});

/**
 * Tier 1's report (the same record, locked for its update), tier 2's candidates (the same contact in
 * its window, newest first) and tier 3's (reports filed under any of `keys` in theirs, most keys in
 * common first: match_key holds open cases' reports only, so they need no look at their case); the
 * candidates are wasted when the record is found, which is rare.
 * Each key is read newest first and only so far (`perKey` entries, from the index alone), so a key
 * that thousands of reports share — a long road, a big estate — costs no more than a quiet one, and
 * the cost never follows the table size.
 */
export async function candidatesFor(
  sql: Sql,
  lookup: CandidateLookup,
): Promise<{ sameRecord: CandidateReport | null; byContact: ContactCandidate[]; byKey: CandidateReport[] }> {
  const rows = await sql.query<CandidateRow>(
    `WITH same_record AS (
       SELECT 'record' AS via, ${CANDIDATE_COLUMNS}, ${NO_CASE_COLUMNS}, ${NO_HIT_COLUMNS}
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
       SELECT 'key' AS via, ${CANDIDATE_COLUMNS}, ${NO_CASE_COLUMNS}, ${HIT_COLUMNS}
         FROM hits JOIN cases.report r ON r.id = hits.report_id),
     by_contact AS (
       SELECT 'contact' AS via, ${CANDIDATE_COLUMNS}, ${CASE_COLUMNS}, ${NO_HIT_COLUMNS}
         FROM cases.report r JOIN cases.case c ON c.id = r.case_id
        WHERE r.contact_hash = $6 AND r.received_at >= $7 AND r.received_at <= $3
        ORDER BY r.received_at DESC
        LIMIT $4)
     SELECT * FROM same_record UNION ALL SELECT * FROM by_contact UNION ALL SELECT * FROM by_key`,
    [
      lookup.keys,
      lookup.keysFrom,
      lookup.to,
      lookup.limits.reports,
      lookup.limits.perKey,
      lookup.contactHash,
      lookup.contactFrom,
      lookup.record.channel,
      lookup.record.sourceId,
    ],
  );
  // Ordered here, not by the statement: a sort (and a window to number rows) is plan nodes that the
  // database sets up and tears down for every report, for a handful of rows.
  let sameRecord: CandidateReport | null = null;
  const contactRows: CandidateRow[] = [];
  const keyRows: CandidateRow[] = [];
  for (const row of rows) {
    if (row.via === 'record') sameRecord = toCandidate(row);
    else (row.via === 'contact' ? contactRows : keyRows).push(row);
  }
  contactRows.sort((a, b) => b.received_at - a.received_at);
  keyRows.sort((a, b) => b.shared! - a.shared! || b.latest! - a.latest!);
  return { sameRecord, byContact: contactRows.map(toContactCandidate), byKey: keyRows.map(toCandidate) };
}
