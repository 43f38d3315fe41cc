import type { Sql } from '@huying/runtime';
import type { MatchSignals } from './dedup/mergeDecision';
import type { ReportRecord } from './model';
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

export interface CaseMatcher {
  /** Runs inside the intake transaction, for a report the hub has not seen before. */
  match(tx: Sql, report: ReportFields, now: Date): Promise<CaseMatch | null>;
  /** Files a newly stored report so later reports can find it (same transaction). */
  file?(tx: Sql, report: ReportRecord): Promise<void>;
}

/** Every report opens its own case (the filter switched off). */
export const oneCasePerReport: CaseMatcher = {
  match: async () => null,
};
