export { feedbackService, FEEDBACK_SDL, FEEDBACK_SOURCES, type FeedbackServiceOptions, type FeedbackService, type FeedbackModule } from './service';
export { FEEDBACK_SCHEMA, applyUpstreamEvent } from './projector';
export { evaluateCase, evaluateDepartment, type FeedbackDeps, type CaseEvaluationInput, type DepartmentEvaluationInput } from './evaluate';
export {
  evaluationScore,
  starsForScore,
  isSatisfied,
  scoreEvaluation,
  ratingIssues,
  RATING_WEIGHTS,
  RATING_NAMES,
  SATISFIED_FROM,
  type Ratings,
  type EvaluationOutcome,
} from './scoring';
export { roundResolved } from './roundState';
export { raterFromHeader, ROLE_HEADER, type Rater } from './roles';
export { evaluationRollup, type EvaluationGrouping, type RollupPeriod, type EvaluationRollupRow } from './rollup';
export type { EvaluationRecord, CallbackRecord } from './store';
