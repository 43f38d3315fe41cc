import type { AssignmentState, Level, MatterType, Whistle } from '@huying/schema';
import type { SlaLight } from './slaLight';

export const DISPATCH_SCHEMA = 'dispatch';

/** What dispatch decided for a case: its classification, place and deadline. */
export interface CasePlan {
  caseId: string;
  categoryCode: string | null;
  level: Level;
  whistle: Whistle;
  matterType: MatterType;
  timeLimitMinutes: number | null;
  dueAt: Date | null;
  streetId: string | null;
  communityId: string | null;
  emergencyWord: string | null;
  createdAt: Date;
  classifiedAt: Date;
  round: number;
  /** The case it was merged into, while merged (its handling goes on there). */
  mergedInto?: string | null;
}

export interface AssignmentRecord {
  id: string;
  caseId: string;
  departmentId: string;
  round: number;
  state: AssignmentState;
  dispatchedAt: Date;
  dueAt: Date | null;
  /** When the deadline's time counts from (receipt for a round's first dispatch): the light's half-way point counts from it too. */
  dueFrom: Date | null;
  slaLight: SlaLight;
  redSince: Date | null;
  pushedToSupervisionAt: Date | null;
  respondedAt: Date | null;
  resolvedAt: Date | null;
  result: string | null;
  photos: string[];
  previousId: string | null;
  updatedAt: Date;
}

export interface TransitionRecord {
  id: number;
  assignmentId: string;
  fromState: AssignmentState | null;
  toState: AssignmentState;
  actor: string;
  reason: string | null;
  at: Date;
}

export type ReminderRole = 'RESPONSIBLE_HEAD' | 'MAIN_HEAD' | 'SUPERVISION_OFFICE';

export interface ReminderRecord {
  id: string;
  caseId: string;
  assignmentId: string;
  departmentId: string;
  recipientRole: ReminderRole;
  recipientName: string;
  recipientPhone: string;
  light: SlaLight;
  message: string;
  createdAt: Date;
  sentAt: Date | null;
  attempts: number;
  lastError: string | null;
}

export interface WebhookRecord {
  id: string;
  departmentId: string;
  url: string;
  secret: string;
  createdAt: Date;
  removedAt: Date | null;
}
