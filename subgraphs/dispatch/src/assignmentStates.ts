import type { AssignmentState } from '@huying/schema';

/** What can be done to an assignment. */
export type AssignmentAction = 'sign' | 'progress' | 'resolve' | 'verify' | 'escalate' | 'reassign';

/** The assignment lifecycle: dispatched → signed (签收) → in progress → resolved → closed; or up a level, or reassigned. */
const TRANSITIONS: Record<AssignmentState, Partial<Record<AssignmentAction, AssignmentState>>> = {
  DISPATCHED: { sign: 'SIGNED', escalate: 'ESCALATED', reassign: 'REASSIGNED' },
  SIGNED: { progress: 'IN_PROGRESS', resolve: 'RESOLVED', escalate: 'ESCALATED', reassign: 'REASSIGNED' },
  IN_PROGRESS: { progress: 'IN_PROGRESS', resolve: 'RESOLVED', escalate: 'ESCALATED', reassign: 'REASSIGNED' },
  RESOLVED: { verify: 'CLOSED' },
  CLOSED: {},
  ESCALATED: {},
  REASSIGNED: {},
};

export const OPEN_ASSIGNMENT_STATES: readonly AssignmentState[] = ['DISPATCHED', 'SIGNED', 'IN_PROGRESS'];

const ACTION_NAMES: Record<AssignmentAction, string> = {
  sign: '签收',
  progress: '报告进展',
  resolve: '办结',
  verify: '核查归档',
  escalate: '上报上级',
  reassign: '改派',
};

export type TransitionOutcome = { ok: true; state: AssignmentState } | { ok: false; reason: string };

export function nextAssignmentState(current: AssignmentState, action: AssignmentAction): TransitionOutcome {
  const state = TRANSITIONS[current][action];
  if (state) return { ok: true, state };
  const allowed = Object.keys(TRANSITIONS[current]) as AssignmentAction[];
  return {
    ok: false,
    reason:
      `cannot ${action} (${ACTION_NAMES[action]}) an assignment that is ${current}; ` +
      (allowed.length ? `allowed now: ${allowed.join(', ')}` : 'it is finished'),
  };
}

export function isOpenAssignment(state: AssignmentState): boolean {
  return OPEN_ASSIGNMENT_STATES.includes(state);
}
