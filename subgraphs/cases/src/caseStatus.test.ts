import { nextCaseStatus } from './caseStatus';

const assignment = (state: string) => ({ type: 'AssignmentChanged', payload: { state } });

describe('a case status follows its handling', () => {
  it('moves with the assignment: dispatched, signed/in progress, resolved, closed', () => {
    expect(nextCaseStatus('RECEIVED', assignment('DISPATCHED'))).toBe('DISPATCHED');
    expect(nextCaseStatus('DISPATCHED', assignment('SIGNED'))).toBe('IN_PROGRESS');
    expect(nextCaseStatus('IN_PROGRESS', assignment('IN_PROGRESS'))).toBeNull();
    expect(nextCaseStatus('IN_PROGRESS', assignment('RESOLVED'))).toBe('RESOLVED');
    expect(nextCaseStatus('RESOLVED', assignment('CLOSED'))).toBe('CLOSED');
  });

  it('goes back to dispatched when escalated or reassigned (the new assignment), not on the hand-over itself', () => {
    expect(nextCaseStatus('IN_PROGRESS', assignment('ESCALATED'))).toBeNull();
    expect(nextCaseStatus('IN_PROGRESS', assignment('DISPATCHED'))).toBe('DISPATCHED');
  });

  it('reopens a resolved or closed case, and never moves a merged one', () => {
    expect(nextCaseStatus('CLOSED', { type: 'CaseReopened', payload: { caseId: 'x', round: 2 } })).toBe('DISPATCHED');
    expect(nextCaseStatus('IN_PROGRESS', { type: 'CaseReopened', payload: { caseId: 'x', round: 2 } })).toBeNull();
    expect(nextCaseStatus('MERGED', assignment('CLOSED'))).toBeNull();
    expect(nextCaseStatus('RECEIVED', { type: 'CaseEvaluated', payload: {} })).toBeNull();
  });
});
