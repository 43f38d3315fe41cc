import { isOpenAssignment, nextAssignmentState } from './assignmentStates';

describe('the assignment lifecycle', () => {
  it('goes dispatched → signed → in progress → resolved → closed', () => {
    expect(nextAssignmentState('DISPATCHED', 'sign')).toEqual({ ok: true, state: 'SIGNED' });
    expect(nextAssignmentState('SIGNED', 'progress')).toEqual({ ok: true, state: 'IN_PROGRESS' });
    expect(nextAssignmentState('IN_PROGRESS', 'progress')).toEqual({ ok: true, state: 'IN_PROGRESS' });
    expect(nextAssignmentState('IN_PROGRESS', 'resolve')).toEqual({ ok: true, state: 'RESOLVED' });
    expect(nextAssignmentState('RESOLVED', 'verify')).toEqual({ ok: true, state: 'CLOSED' });
  });

  it('can be escalated or reassigned while open, never after', () => {
    for (const state of ['DISPATCHED', 'SIGNED', 'IN_PROGRESS'] as const) {
      expect(nextAssignmentState(state, 'escalate')).toEqual({ ok: true, state: 'ESCALATED' });
      expect(nextAssignmentState(state, 'reassign')).toEqual({ ok: true, state: 'REASSIGNED' });
      expect(isOpenAssignment(state)).toBe(true);
    }
    expect(nextAssignmentState('RESOLVED', 'escalate').ok).toBe(false);
    expect(isOpenAssignment('CLOSED')).toBe(false);
  });

  it('refuses a transition the state does not allow, saying what is allowed', () => {
    const refused = nextAssignmentState('DISPATCHED', 'resolve');
    expect(refused).toEqual({ ok: false, reason: expect.stringContaining('cannot resolve (办结) an assignment that is DISPATCHED; allowed now: sign, escalate, reassign') });
    expect(nextAssignmentState('CLOSED', 'sign')).toEqual({ ok: false, reason: expect.stringContaining('it is finished') });
    expect(nextAssignmentState('ESCALATED', 'resolve').ok).toBe(false);
  });
});
