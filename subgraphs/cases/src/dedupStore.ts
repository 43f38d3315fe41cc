import type { Sql } from '@huying/runtime';
import type { CaseStatus } from '@huying/schema';
import type { StoredProfile } from './dedup/storedProfile';
import type { ReportRecord } from './model';
import { toReport } from './store';

/** SQL of the duplicate filter's lookups: candidates by key and time window, or by the reporter's contact hash. */

export interface CandidateReport {
  report: ReportRecord;
  caseStatus: CaseStatus;
  caseUpdatedAt: Date;
  /** The profile filed with this revision of the report; null for one filed before profiles were kept. */
  storedProfile: StoredProfile | null;
}

type CandidateRow = Parameters<typeof toReport>[0] & {
  case_status: CaseStatus;
  case_updated_at: Date;
  match_profile: StoredProfile | null;
  profile_revision: number | null;
};

const CANDIDATE_COLUMNS = `r.id, r.case_id, r.channel, r.source_id, r.received_at, r.title, r.text, r.address, r.lng, r.lat,
  r.category_hint, r.contact_hash, r.contact_masked, r.intake_mode, r.revision,
  c.status AS case_status, c.updated_at AS case_updated_at, mp.profile AS match_profile, mp.revision AS profile_revision`;

const WITH_PROFILE = 'LEFT JOIN cases.match_profile mp ON mp.report_id = r.id';

const toCandidate = (row: CandidateRow): CandidateReport => ({
  report: toReport(row),
  caseStatus: row.case_status,
  caseUpdatedAt: new Date(row.case_updated_at),
  storedProfile: row.profile_revision === row.revision ? row.match_profile : null,
});

/** Files a report revision: its lookup keys and its profile, in one statement. */
export async function fileReport(
  sql: Sql,
  filing: { reportId: string; revision: number; at: Date; keys: readonly string[]; profile: StoredProfile },
): Promise<void> {
  await sql.query(
    `WITH profile AS (
       INSERT INTO cases.match_profile (report_id, revision, profile) VALUES ($2, $4, $5)
       ON CONFLICT (report_id) DO UPDATE SET revision = EXCLUDED.revision, profile = EXCLUDED.profile)
     INSERT INTO cases.match_key (key, report_id, at) SELECT unnest($1::text[]), $2, $3`,
    [filing.keys, filing.reportId, filing.at, filing.revision, JSON.stringify(filing.profile)],
  );
}

/**
 * Open cases' earlier reports filed under any of `keys` within the window, most keys in common first.
 * Each key is read newest first and only so far (`perKey` entries, from the index alone), so a key
 * that thousands of reports share — a long road, a big estate — costs no more than a quiet one, and
 * the cost never follows the table size.
 */
export async function candidatesByKeys(
  sql: Sql,
  keys: readonly string[],
  window: { from: Date; to: Date },
  limits: { reports: number; perKey: number },
  statuses: readonly CaseStatus[],
): Promise<CandidateReport[]> {
  if (!keys.length) return [];
  const rows = await sql.query<CandidateRow>(
    `WITH hits AS (
       SELECT k.report_id, count(*) AS shared, max(k.at) AS latest
         FROM unnest($1::text[]) AS wanted(key)
        CROSS JOIN LATERAL (
              SELECT m.report_id, m.at FROM cases.match_key m
               WHERE m.key = wanted.key AND m.at >= $2 AND m.at <= $3
               ORDER BY m.at DESC LIMIT $5) k
        GROUP BY k.report_id
        ORDER BY shared DESC, latest DESC
        LIMIT $4 * 2)
     SELECT ${CANDIDATE_COLUMNS}
       FROM hits JOIN cases.report r ON r.id = hits.report_id JOIN cases.case c ON c.id = r.case_id ${WITH_PROFILE}
      WHERE c.status = ANY($6::text[])
      ORDER BY hits.shared DESC, hits.latest DESC
      LIMIT $4`,
    [keys, window.from, window.to, limits.reports, limits.perKey, statuses],
  );
  return rows.map(toCandidate);
}

/** The same reporter's earlier reports in the window (the contact is compared as its keyed hash). */
export async function candidatesByContact(
  sql: Sql,
  contactHash: string,
  window: { from: Date; to: Date },
  limit: number,
): Promise<CandidateReport[]> {
  const rows = await sql.query<CandidateRow>(
    `SELECT ${CANDIDATE_COLUMNS}
       FROM cases.report r JOIN cases.case c ON c.id = r.case_id ${WITH_PROFILE}
      WHERE r.contact_hash = $1 AND r.received_at >= $2 AND r.received_at <= $3
      ORDER BY r.received_at DESC LIMIT $4`,
    [contactHash, window.from, window.to, limit],
  );
  return rows.map(toCandidate);
}
