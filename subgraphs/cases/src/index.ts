export { casesService, CASES_SDL, type CasesOptions } from './service';
export { submitReports, takeReport, CASES_SCHEMA, type IntakeDeps, type IntakeResult } from './intake';
export { oneCasePerReport, type CaseMatcher, type CaseMatch } from './caseMatcher';
export { duplicateFilter } from './dedup/duplicateFilter';
export { mergeDecision, compareReports, MERGE_THRESHOLDS, type MatchSignals, type MergeDecision, type Verdict } from './dedup/mergeDecision';
export { reportProfile, type ReportProfile } from './dedup/reportProfile';
export { confirmMerge, rejectMerge, mergeCases, splitReport, undoMergeDecision, type Operator } from './mergeOperations';
export type { CaseRecord, ReportRecord, IntakeOutcome, MergeDecisionRecord } from './model';
