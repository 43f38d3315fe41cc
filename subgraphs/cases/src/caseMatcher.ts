import type { Sql } from '@huying/runtime';
import type { ReportFields } from './store';

/** Where intake asks "is this new report about a case we already have?" (the 案件过滤器 seam). */
export interface CaseMatch {
  outcome: 'REPEAT' | 'MERGED';
  caseId: string;
}

export interface CaseMatcher {
  /** Runs inside the intake transaction, for a report the hub has not seen before. */
  match(tx: Sql, report: ReportFields, now: Date): Promise<CaseMatch | null>;
}

/** Every report opens its own case; the duplicate filter replaces this. */
export const oneCasePerReport: CaseMatcher = {
  match: async () => null,
};
