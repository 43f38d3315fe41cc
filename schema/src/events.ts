import type { CaseStatus, Channel, IntakeMode, Level, MatterType, Whistle } from './taxonomy';
import type { GeoPoint } from './geo';

/**
 * The events services publish to each other (each through its own outbox, served at `/events`).
 * A consumer relies on these shapes only, never on another service's tables. Times are ISO strings.
 * Every consumer must be idempotent: an event may be delivered again after a crash.
 */

// ── cases ────────────────────────────────────────────────────────────────────────────────────────
export interface CaseOpenedEvent {
  caseId: string;
  title: string;
  text: string;
  categoryCode: string | null;
  categoryHint: string | null;
  /** How the category was decided (CHANNEL, RULES, MODEL, OPERATOR) and the classifier's probability; absent in older events. */
  categorySource?: string | null;
  categoryConfidence?: number | null;
  /** What the category tree's keywords alone make of the text (9901 其他 when none matches); null when a channel named the category. */
  keywordCategory?: string | null;
  channel: Channel;
  address: string | null;
  location: GeoPoint | null;
  /** The case's clock: when its first report came in. */
  createdAt: string;
}

export interface ReportEvent {
  caseId: string;
  reportId: string;
  channel: Channel;
  sourceId: string;
  receivedAt: string;
  contactHash: string | null;
  contactMasked: string | null;
  intakeMode: IntakeMode | null;
}

/** `ReportAttached` carries how the report joined its case. */
export interface ReportAttachedEvent extends ReportEvent {
  outcome: 'NEW_CASE' | 'REPEAT' | 'MERGED';
}

/** `CaseStatusChanged`: the case's own status moved (cases derives it from dispatch and feedback). */
export interface CaseStatusChangedEvent {
  caseId: string;
  status: CaseStatus;
  previous: CaseStatus;
  at: string;
}

/** `CasesMerged`: every report of `fromCaseId` now belongs to `intoCaseId` (undone by `CasesUnmerged`). */
export interface CasesMergedEvent {
  intoCaseId: string;
  fromCaseId: string;
  decisionId: string;
  at: string;
}

/** `CasesUnmerged`: a merge was undone; the reports it moved are back in `fromCaseId`, which is open again. */
export interface CasesUnmergedEvent {
  intoCaseId: string;
  fromCaseId: string;
  /** The merge decision that was undone. */
  decisionId: string;
  at: string;
}

/** `ReportSplit`: an operator (or an undone automatic attach) took a report out of `fromCaseId` into `toCaseId`. */
export interface ReportSplitEvent {
  reportId: string;
  fromCaseId: string;
  toCaseId: string;
  decisionId: string;
  at: string;
}

/** `CaseCategoryCorrected`: an operator set the case's category (the classifier's next refit learns from it). */
export interface CaseCategoryCorrectedEvent {
  caseId: string;
  categoryCode: string;
  previous: string | null;
  at: string;
}

// ── dispatch ─────────────────────────────────────────────────────────────────────────────────────
export type AssignmentState = 'DISPATCHED' | 'SIGNED' | 'IN_PROGRESS' | 'RESOLVED' | 'CLOSED' | 'ESCALATED' | 'REASSIGNED';

/** `CaseClassified`: dispatch gave a new case its level, whistle, matter type and deadline. */
export interface CaseClassifiedEvent {
  caseId: string;
  categoryCode: string | null;
  level: Level;
  whistle: Whistle;
  matterType: MatterType;
  dueAt: string | null;
  /** The area it belongs to: street and community codes of the city's organisation file. */
  streetId: string | null;
  communityId: string | null;
  /** Their names (二七街道, 工农路社区) as the organisation file gives them; absent in events published before names were carried. */
  streetName?: string | null;
  communityName?: string | null;
  at: string;
}

/**
 * `AssignmentChanged`: one transition of one assignment (dispatched, signed, progress, resolved,
 * closed, escalated, reassigned). `respondedAt` is the first sign-for; `resolvedAt` the first resolve.
 */
export interface AssignmentChangedEvent {
  assignmentId: string;
  caseId: string;
  departmentId: string;
  departmentName: string;
  state: AssignmentState;
  previousState: AssignmentState | null;
  /** The round of handling: 1, then +1 each time a dissatisfied evaluation reopens the case. */
  round: number;
  dueAt: string | null;
  respondedAt: string | null;
  resolvedAt: string | null;
  by: string;
  reason: string | null;
  at: string;
}

/** `SlaLightChanged`: the sweep moved an assignment's light. */
export interface SlaLightChangedEvent {
  assignmentId: string;
  caseId: string;
  departmentId: string;
  light: 'GREEN' | 'YELLOW' | 'RED';
  at: string;
}

// ── feedback ─────────────────────────────────────────────────────────────────────────────────────
/** `CaseEvaluated`: one 一事一评 evaluation. */
export interface CaseEvaluatedEvent {
  evaluationId: string;
  caseId: string;
  round: number;
  departmentId: string | null;
  raterKind: 'CITIZEN' | 'STREET';
  score: number;
  stars: number;
  satisfied: boolean;
  at: string;
}

/** `CaseReopened`: a dissatisfied evaluation sends the case round for another handling (不满意重办). */
export interface CaseReopenedEvent {
  caseId: string;
  round: number;
  evaluationId: string;
  at: string;
}

// `Audited` (every service): one entry of the audit log, see `recordAudit` in @huying/runtime.
export const EVENT_TYPES = {
  cases: ['CaseOpened', 'ReportAttached', 'ReportUpdated', 'CaseStatusChanged', 'CasesMerged', 'CasesUnmerged', 'ReportSplit', 'CaseCategoryCorrected', 'Audited'],
  dispatch: ['CaseClassified', 'AssignmentChanged', 'SlaLightChanged', 'Audited'],
  feedback: ['CaseEvaluated', 'CaseReopened', 'Audited'],
} as const;
