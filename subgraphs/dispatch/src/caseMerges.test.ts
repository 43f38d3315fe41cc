import { randomUUID } from 'node:crypto';
import { ManualClock, testBackends, type Database } from '@huying/runtime';
import type { CasesMergedEvent } from '@huying/schema';
import { closeMergedCase, reopenUnmergedCase } from './caseMerges';
import { advanceAssignment, dispatchCase, planNewCase, type DispatchDeps } from './dispatcher';
import { recordedNotifier } from './notifier';
import * as store from './store';
import { superviseAssignments } from './supervision';
import { migratedDispatch } from './testOrganisation';

describe.each(testBackends())('dispatch following case merges on $kind', (backend) => {
  let db: Database;
  let dispose: () => Promise<void>;
  let clock: ManualClock;
  let deps: DispatchDeps;

  beforeEach(async () => {
    ({ db, dispose } = await backend.open());
    clock = new ManualClock('2026-11-20T02:00:00Z');
    deps = await migratedDispatch(db, clock);
  });
  afterEach(() => dispose());

  /** 邻里纠纷 in 兴业路社区: A2, 2 hours, to the community station. */
  async function openCase(): Promise<string> {
    const caseId = randomUUID();
    await db.transaction((tx) =>
      planNewCase(tx, deps, { caseId, title: '', text: '楼上邻居纠纷', categoryCode: '1001', categoryHint: null, channel: 'HOTLINE', address: '兴业路', location: null, createdAt: clock.now().toISOString() }),
    );
    return caseId;
  }
  const assignmentsOf = async (caseId: string) => (await store.assignmentsByCaseIds(db, [caseId])).get(caseId) ?? [];
  const outbox = () => db.query<{ type: string; payload: Record<string, any> }>(`SELECT type, payload FROM dispatch.outbox ORDER BY seq`);

  it('closes the merged-away case’s open assignment, naming the case it joined, and gives it back when the merge is undone', async () => {
    const into = await openCase();
    const from = await openCase();
    const [fromAssignment] = await assignmentsOf(from);
    await advanceAssignment(deps, fromAssignment!.id, 'sign', { kind: 'department', department: deps.org.department(fromAssignment!.departmentId)! });
    const merge: CasesMergedEvent = { fromCaseId: from, intoCaseId: into, decisionId: randomUUID(), at: clock.now().toISOString() };

    expect(await db.transaction((tx) => closeMergedCase(tx, deps, merge))).toBe(1);
    expect(await db.transaction((tx) => closeMergedCase(tx, deps, merge))).toBe(0); // a replay changes nothing
    const [closed] = await assignmentsOf(from);
    expect(closed).toMatchObject({ id: fromAssignment!.id, state: 'REASSIGNED', resolvedAt: null });
    const transitions = (await store.transitionsByAssignmentIds(db, [closed!.id])).get(closed!.id)!;
    expect(transitions.at(-1)).toMatchObject({ fromState: 'SIGNED', toState: 'REASSIGNED', actor: 'system', reason: expect.stringContaining(into) });
    // analytics and department systems hear of it, as not resolved
    const published = (await outbox()).filter((event) => event.type === 'AssignmentChanged' && event.payload.caseId === from);
    expect(published.at(-1)!.payload).toMatchObject({ state: 'REASSIGNED', previousState: 'SIGNED', resolvedAt: null, reason: expect.stringContaining(into) });
    // the case it joined keeps its own handling
    expect((await assignmentsOf(into)).map((assignment) => assignment.state)).toEqual(['DISPATCHED']);

    // Past the 2-hour limit only the case it joined turns red: the closed assignment is not supervised.
    clock.advance(3 * 3_600_000);
    await superviseAssignments({ ...deps, notifier: recordedNotifier(db, () => clock.now()) });
    const lights = (await outbox()).filter((event) => event.type === 'SlaLightChanged').map((event) => event.payload.caseId);
    expect(lights).toContain(into);
    expect(lights).not.toContain(from);
    await expect(dispatchCase(deps, from, fromAssignment!.departmentId, { kind: 'operator', role: 'COMMAND_CENTRE' }, null)).rejects.toMatchObject({
      extensions: { code: 'CONFLICT', mergedInto: into },
    });

    // Undone: the same department gets the case back, with a fresh time limit from now.
    const unmerge = { ...merge, at: clock.now().toISOString() };
    expect(await db.transaction((tx) => reopenUnmergedCase(tx, deps, unmerge))).toBe(1);
    expect(await db.transaction((tx) => reopenUnmergedCase(tx, deps, unmerge))).toBe(0);
    const after = await assignmentsOf(from);
    expect(after).toHaveLength(2);
    expect(after[1]).toMatchObject({
      state: 'DISPATCHED',
      departmentId: fromAssignment!.departmentId,
      previousId: fromAssignment!.id,
      dueAt: new Date(clock.now().getTime() + 2 * 3_600_000),
    });
    expect((await store.planForUpdate(db, from))!.mergedInto).toBeNull();
  });

  it('undoing a different merge, or one that closed nothing, reopens nothing', async () => {
    const into = await openCase();
    const from = await openCase();
    const [assignment] = await assignmentsOf(from);
    const department = { kind: 'department' as const, department: deps.org.department(assignment!.departmentId)! };
    await advanceAssignment(deps, assignment!.id, 'sign', department);
    await advanceAssignment(deps, assignment!.id, 'resolve', department, { result: '已调解' });
    const merge: CasesMergedEvent = { fromCaseId: from, intoCaseId: into, decisionId: randomUUID(), at: clock.now().toISOString() };
    // already resolved before the merge: nothing open to close, so nothing to give back
    expect(await db.transaction((tx) => closeMergedCase(tx, deps, merge))).toBe(0);
    expect(await db.transaction((tx) => reopenUnmergedCase(tx, deps, { ...merge, decisionId: randomUUID() }))).toBe(0);
    expect(await db.transaction((tx) => reopenUnmergedCase(tx, deps, merge))).toBe(0);
    expect((await assignmentsOf(from)).map((each) => each.state)).toEqual(['RESOLVED']);
  });
});
