import type { Sql } from '@huying/runtime';
import type { CaseStatus, Channel, GeoPoint } from '@huying/schema';
import type { ProfileSource } from './reportProfile';
import { pointOf } from '../model';
import { CANDIDATES, SAME_RECORD } from './candidateStatements';

/**
 * The duplicate filter's lookups (`candidateStatements.ts`), rows in, candidates out: the same record
 * taken before (locked), the reporter's own earlier reports (by contact hash) and other reports filed
 * under the same keys.
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
    CANDIDATES,
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

/** Tier 1 alone: the report this record was taken as before, locked for its update, or null. */
export async function lockSameRecord(sql: Sql, channel: Channel, sourceId: string): Promise<{ reportId: string; caseId: string } | null> {
  const [row] = await sql.query<{ id: string; case_id: string }>(SAME_RECORD, [channel, sourceId]);
  return row ? { reportId: row.id, caseId: row.case_id } : null;
}
