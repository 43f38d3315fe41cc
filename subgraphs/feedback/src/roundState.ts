import type { AssignmentState } from '@huying/schema';

/** Handing a case on ends an assignment without finishing the work; another assignment carries it. */
const HANDED_ON: readonly AssignmentState[] = ['REASSIGNED', 'ESCALATED'];
const FINISHED: readonly AssignmentState[] = ['RESOLVED', 'CLOSED'];

/**
 * A round of handling is resolved when some department finished it and none of that round's
 * assignments is still being worked on (a 攻坚哨 case waits for every department).
 */
export function roundResolved(states: readonly AssignmentState[]): boolean {
  return states.some((state) => FINISHED.includes(state)) && states.every((state) => FINISHED.includes(state) || HANDED_ON.includes(state));
}

/** Order of an assignment's states, to settle two transitions stamped with the same instant. */
export const ASSIGNMENT_STATE_RANK: Readonly<Record<AssignmentState, number>> = {
  DISPATCHED: 0,
  SIGNED: 1,
  IN_PROGRESS: 2,
  ESCALATED: 3,
  REASSIGNED: 3,
  RESOLVED: 4,
  CLOSED: 5,
};
