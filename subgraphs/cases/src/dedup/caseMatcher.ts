import type { Sql } from '@huying/runtime';
import type { MatchSignals } from './mergeDecision';
import type { ReportFields } from '../model';
import { lockSameRecord } from './candidateLookup';

/**
 * Where intake asks "is this a record we took before, or about a case we already have?" (the 案件过滤器
 * seam). SAME_RECORD: update that report (`SameRecord`). REPEAT / MERGED: attach the report to
 * `caseId`. REVIEW: the grey zone — open a new case and queue the pair (new case, `caseId`) for an operator.
 */
export interface CaseMatch {
  outcome: 'REPEAT' | 'MERGED' | 'REVIEW';
  caseId: string;
  score?: number | null;
  signals?: MatchSignals | null;
  /**
   * Other cases this report also matches in the grey zone or above, best first: each is queued for an
   * operator as (the report's case, that case). One issue split over cases earlier is how they meet again.
   */
  alsoSuggested?: readonly CaseSuggestion[];
}

/** A case an operator is asked to merge with the report's own. */
export interface CaseSuggestion {
  caseId: string;
  score: number;
  signals: MatchSignals;
}

/** Tier 1: the channel sent a record it sent before (a status change, a reply); intake updates that report. */
export interface SameRecord {
  outcome: 'SAME_RECORD';
  reportId: string;
  caseId: string;
}

/** What a new report is filed under so later reports find it: lookup keys, and what the matcher derived from it. */
export interface ReportFiling {
  keys: readonly string[];
  profile: unknown;
}

export interface CaseMatcher {
  /**
   * Runs inside the intake transaction, for every report: the same record again (tier 1, its row
   * locked for the update: `sameRecord`), else a case to join or to suggest. All tiers are the
   * matcher's so that the filter asks them in one statement: a statement per report costs a round trip.
   */
  match(tx: Sql, report: ReportFields, now: Date): Promise<SameRecord | CaseMatch | null>;
  /**
   * The filing of the report `match` was just asked about (the same `report` object). Intake writes
   * it with the report's own INSERT: a statement per report costs a round trip, the filter's main cost.
   */
  filing?(report: ReportFields): ReportFiling;
}

/** Tier 1 alone: the report this record was taken as before, locked, or null. */
export async function sameRecord(tx: Sql, report: Pick<ReportFields, 'channel' | 'sourceId'>): Promise<SameRecord | null> {
  const existing = await lockSameRecord(tx, report.channel, report.sourceId);
  return existing && { outcome: 'SAME_RECORD', ...existing };
}

/** Every new report opens its own case (the filter switched off); the same record again is still an update. */
export const oneCasePerReport: CaseMatcher = {
  match: (tx, report) => sameRecord(tx, report),
};
