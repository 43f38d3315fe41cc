/**
 * The duplicate filter and cross-channel merge (案件过滤器), behind this one door: intake asks its
 * `CaseMatcher`; the service schedules its leads vacuum; benches and tests read its decision rules.
 */
export { duplicateFilter } from './duplicateFilter';
export { oneCasePerReport, sameRecord, type CaseMatcher, type CaseMatch, type ReportFiling, type SameRecord } from './caseMatcher';
export { scheduleLeadsVacuum, vacuumLeads, type LeadsVacuumReport } from './leadsVacuum';
export { mergeDecision, compareReports, MERGE_THRESHOLDS, type MatchSignals, type MergeDecision, type Verdict } from './mergeDecision';
export { reportProfile, type ReportProfile } from './reportProfile';
