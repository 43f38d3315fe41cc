export { casesService, CASES_SDL, type CasesOptions } from './service';
export { submitReports, takeReport, CASES_SCHEMA, type IntakeDeps, type IntakeResult } from './intake';
export { oneCasePerReport, type CaseMatcher, type CaseMatch } from './caseMatcher';
export type { CaseRecord, ReportRecord, IntakeOutcome } from './model';
