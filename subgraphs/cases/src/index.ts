export { casesService, CASES_SDL, type CasesOptions } from './service';
export { submitReports, takeReport, CASES_SCHEMA, type IntakeDeps, type IntakeResult } from './intake';
export {
  duplicateFilter,
  oneCasePerReport,
  sameRecord,
  scheduleLeadsVacuum,
  vacuumLeads,
  mergeDecision,
  compareReports,
  reportProfile,
  MERGE_THRESHOLDS,
  type CaseMatcher,
  type CaseMatch,
  type SameRecord,
  type LeadsVacuumReport,
  type MatchSignals,
  type MergeDecision,
  type Verdict,
  type ReportProfile,
} from './dedup';
export { casesSettings } from './config';
export { confirmMerge, rejectMerge, mergeCases, splitReport, undoMergeDecision, type Operator } from './mergeOperations';
export type { CaseRecord, ReportRecord, IntakeOutcome, MergeDecisionRecord } from './model';
export { correctCategory } from './categoryCorrection';
export { decideCategory, type CategoryDecision } from './categoryDecision';
// What a refit of the category classifier learns from: the cases operators put in another category.
export { correctedCases } from './store';
