import type { Sql } from '@huying/runtime';
import type { MatchSignals } from './dedup/mergeDecision';
import type { ReportFields } from './store';

/**
 * Where intake asks "is this new report about a case we already have?" (the 案件过滤器 seam).
 * REPEAT / MERGED: attach the report to `caseId`. REVIEW: the grey zone — open a new case and queue
 * the pair (new case, `caseId`) for an operator.
 */
export interface CaseMatch {
  outcome: 'REPEAT' | 'MERGED' | 'REVIEW';
  caseId: string;
  score?: number | null;
  signals?: MatchSignals | null;
}

/** What a new report is filed under so later reports find it: lookup keys, and what the matcher derived from it. */
export interface ReportFiling {
  keys: readonly string[];
  profile: unknown;
}

export interface CaseMatcher {
  /** Runs inside the intake transaction, for a report the hub has not seen before. */
  match(tx: Sql, report: ReportFields, now: Date): Promise<CaseMatch | null>;
  /**
   * The filing of the report `match` was just asked about (the same `report` object). Intake writes
   * it with the report's own INSERT: a statement per report costs a round trip, the filter's main cost.
   */
  filing?(report: ReportFields): ReportFiling;
}

/** Every report opens its own case (the filter switched off). */
export const oneCasePerReport: CaseMatcher = {
  match: async () => null,
};
