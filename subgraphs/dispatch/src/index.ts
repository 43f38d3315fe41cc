export { dispatchService, DISPATCH_SDL, type DispatchOptions } from './service';
export { dispatchSettings, DEFAULT_ORGANISATION_FILE } from './config';
export {
  loadOrganisationFile,
  parseOrganisation,
  OrganisationFileError,
  DEPARTMENT_LEVELS,
  DEPARTMENT_KINDS,
  type OrganisationFile,
  type DepartmentConfig,
  type DepartmentLevel,
  type DepartmentKind,
  type ClassificationRule,
} from './organisation';
export { OrgChart, type CasePlace } from './orgChart';
export { classifyCase, timeLimit, type CaseClassification, type CaseToClassify, type ClassificationTable } from './classification';
export { slaLight, reminderRecipient, dueForSupervisionPush, type SlaLight } from './slaLight';
export { nextAssignmentState, isOpenAssignment, OPEN_ASSIGNMENT_STATES, type AssignmentAction, type TransitionOutcome } from './assignmentStates';
export { responsibleDepartment, escalationTarget, handOverRefusal, commandCentreAbove, HANDLING_LEVEL, type ResponsibilityDecision } from './responsibility';
export {
  planNewCase,
  reopenCase,
  advanceAssignment,
  escalateAssignment,
  reassignAssignment,
  dispatchCase,
  setCaseDeadline,
  actorName,
  type Actor,
  type DispatchDeps,
} from './dispatcher';
export { superviseAssignments, type SupervisionDeps, type SweepReport } from './supervision';
export { recordedNotifier, httpSmsNotifier, type Notifier, type ReminderMessage } from './notifier';
export {
  deliverWebhooks,
  fanOutToWebhooks,
  registerWebhook,
  signWebhookBody,
  verifyWebhookSignature,
  webhookBackoffMs,
  SIGNATURE_HEADER,
  DELIVERY_HEADER,
  EVENT_HEADER,
  type WebhookDeliveryOptions,
} from './webhooks';
export { hashDepartmentKey, issueDepartmentKey, OPERATOR_ROLES } from './credentials';
export { assignmentSubscriptions, type AssignmentSubscriptionOptions } from './assignmentSubscriptions';
export { departmentEventsAfter, type DepartmentEvent } from './departmentEvents';
export { DISPATCH_SCHEMA, type AssignmentRecord, type CasePlan, type ReminderRecord } from './model';
