import { randomUUID } from 'node:crypto';
import { ManualClock, testBackends, type Database } from '@huying/runtime';
import type { CaseOpenedEvent } from '@huying/schema';
import { advanceAssignment, escalateAssignment, planNewCase, reassignAssignment, recordCorrectedCategory, reopenCase, setCaseDeadline, type Actor, type DispatchDeps } from './dispatcher';
import * as store from './store';
import { migratedDispatch } from './testOrganisation';

function opened(fields: Partial<CaseOpenedEvent>, clock: ManualClock): CaseOpenedEvent {
  return { caseId: randomUUID(), title: '', text: '', categoryCode: null, categoryHint: null, channel: 'HOTLINE', address: null, location: null, createdAt: clock.now().toISOString(), ...fields };
}

describe.each(testBackends())('dispatch on $kind', (backend) => {
  let db: Database;
  let dispose: () => Promise<void>;
  let clock: ManualClock;
  let deps: DispatchDeps;
  const asDepartment = (id: string): Actor => ({ kind: 'department', department: deps.org.department(id)! });
  const operator: Actor = { kind: 'operator', role: 'COMMAND_CENTRE' };
  const outbox = async () => db.query<{ type: string; payload: Record<string, unknown> }>(`SELECT type, payload FROM dispatch.outbox ORDER BY seq`);
  const plan = (event: CaseOpenedEvent) => db.transaction((tx) => planNewCase(tx, deps, event));

  beforeEach(async () => {
    ({ db, dispose } = await backend.open());
    clock = new ManualClock('2026-11-20T02:00:00Z');
    deps = await migratedDispatch(db, clock);
  });
  afterEach(() => dispose());

  it('classifies a new case, dispatches it by the matrix and publishes both, once', async () => {
    const event = opened({ categoryCode: '0101', text: '兴业路小区门口垃圾堆放', address: '江岸区兴业路18号' }, clock);
    const assignment = await plan(event);
    expect(assignment).toMatchObject({ departmentId: 'houhu-xingye-station', state: 'DISPATCHED', round: 1, dueAt: new Date('2026-11-20T02:30:00Z') });
    expect(await plan(event)).toBeNull(); // a replayed CaseOpened changes nothing
    const all = await outbox();
    // The dispatch is also written to the audit log, by the system.
    expect(all.filter((row) => row.type === 'Audited').map((row) => row.payload)).toEqual([
      expect.objectContaining({ action: 'assignment:DISPATCHED', subjectType: 'Assignment', actor: 'system', before: null }),
    ]);
    const events = all.filter((row) => row.type !== 'Audited');
    expect(events.map((row) => row.type)).toEqual(['CaseClassified', 'AssignmentChanged']);
    expect(events[0]!.payload).toMatchObject({ caseId: event.caseId, level: 'A1', whistle: 'QUICK', streetId: 'houhu', communityId: 'houhu-xingye', streetName: '后湖街道', communityName: '兴业路社区' });
    expect(events[1]!.payload).toMatchObject({ departmentId: 'houhu-xingye-station', departmentName: '兴业路社区工作站', state: 'DISPATCHED', previousState: null, by: 'system' });
  });

  it('files a corrected category as the newest classification, even when it first filed the case after the correction', async () => {
    const event = opened({ categoryCode: '0101', text: '小区下水道口一股怪味', address: '江岸区兴业路18号' }, clock);
    // the operator corrects at 02:00; dispatch, its feed behind, files the case first at 02:05
    const correctedAt = clock.now().toISOString();
    clock.advance(5 * 60_000);
    await plan(event);
    await db.transaction((tx) => recordCorrectedCategory(tx, deps, { caseId: event.caseId, categoryCode: '0303', previous: '0101', at: correctedAt }));
    const classified = (await outbox()).filter((row) => row.type === 'CaseClassified').map((row) => row.payload as { categoryCode: string; at: string });
    expect(classified.map((row) => row.categoryCode)).toEqual(['0101', '0303']);
    expect(Date.parse(classified[1]!.at)).toBeGreaterThanOrEqual(Date.parse(classified[0]!.at));
    expect(await db.transaction((tx) => store.planForUpdate(tx, event.caseId))).toMatchObject({ categoryCode: '0303', classifiedAt: new Date(classified[1]!.at) });
    // corrected again later, it is filed at that correction's own time
    clock.advance(60_000);
    await db.transaction((tx) => recordCorrectedCategory(tx, deps, { caseId: event.caseId, categoryCode: '0101', previous: '0303', at: clock.now().toISOString() }));
    expect((await outbox()).filter((row) => row.type === 'CaseClassified').at(-1)!.payload).toMatchObject({ categoryCode: '0101', at: clock.now().toISOString() });
  });

  it('takes a case through sign, progress, resolve and verify, keeping who, when and why', async () => {
    const assignment = (await plan(opened({ categoryCode: '0204', text: '路口积水' }, clock)))!;
    const water = asDepartment('jiangan-water');
    await expect(advanceAssignment(deps, assignment.id, 'resolve', water, { result: '已疏通' })).rejects.toMatchObject({
      extensions: { code: 'CONFLICT' },
      message: expect.stringContaining('cannot resolve (办结) an assignment that is DISPATCHED'),
    });
    await expect(advanceAssignment(deps, assignment.id, 'sign', asDepartment('jiangan-garden'))).rejects.toMatchObject({ extensions: { code: 'FORBIDDEN' } });
    clock.advance(5 * 60_000);
    expect(await advanceAssignment(deps, assignment.id, 'sign', water)).toMatchObject({ state: 'SIGNED', respondedAt: clock.now() });
    await advanceAssignment(deps, assignment.id, 'progress', water, { note: '已派人到场' });
    await expect(advanceAssignment(deps, assignment.id, 'resolve', water, { result: ' ' })).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'result' } });
    const resolved = await advanceAssignment(deps, assignment.id, 'resolve', water, { result: '已疏通雨水井', photos: ['https://files.example/1.jpg'] });
    expect(resolved).toMatchObject({ state: 'RESOLVED', result: '已疏通雨水井', photos: ['https://files.example/1.jpg'] });
    await expect(advanceAssignment(deps, assignment.id, 'verify', water)).rejects.toMatchObject({ extensions: { code: 'FORBIDDEN' } });
    expect(await advanceAssignment(deps, assignment.id, 'verify', operator, { note: '回访核实' })).toMatchObject({ state: 'CLOSED' });
    const transitions = (await store.transitionsByAssignmentIds(db, [assignment.id])).get(assignment.id)!;
    expect(transitions.map((row) => [row.fromState, row.toState, row.actor, row.reason])).toEqual([
      [null, 'DISPATCHED', 'system', expect.stringContaining('水务')],
      ['DISPATCHED', 'SIGNED', 'department:jiangan-water', null],
      ['SIGNED', 'IN_PROGRESS', 'department:jiangan-water', '已派人到场'],
      ['IN_PROGRESS', 'RESOLVED', 'department:jiangan-water', '已疏通雨水井'],
      ['RESOLVED', 'CLOSED', 'role:COMMAND_CENTRE', '回访核实'],
    ]);
  });

  it('sends an unclear case to the command centre above, which assigns it', async () => {
    // 二七街 is named but no community: a community-level case there is unclear
    const assignment = (await plan(opened({ categoryCode: '0101', text: '垃圾没人清运', address: '江岸区二七街附近' }, clock)))!;
    expect(assignment.departmentId).toBe('erqi-cc');
    const transitions = (await store.transitionsByAssignmentIds(db, [assignment.id])).get(assignment.id)!;
    expect(transitions[0]!.reason).toContain('权责不清');
    const assigned = await reassignAssignment(deps, assignment.id, 'erqi-erqilu-station', asDepartment('erqi-cc'), '属二七路社区');
    expect(assigned).toMatchObject({ departmentId: 'erqi-erqilu-station', state: 'DISPATCHED', previousId: assignment.id });
    expect((await store.assignmentsByIds(db, [assignment.id])).get(assignment.id)!.state).toBe('REASSIGNED');
  });

  it('首问负责: a district department cannot return a case to the street, and nothing changes', async () => {
    const assignment = (await plan(opened({ categoryCode: '0204', text: '积水', address: '兴业路' }, clock)))!;
    await expect(reassignAssignment(deps, assignment.id, 'houhu-office', asDepartment('jiangan-water'), '应由街道处理')).rejects.toMatchObject({
      extensions: { code: 'CONFLICT', reason: 'FIRST_ASKED_RESPONSIBILITY' },
      message: expect.stringContaining('首问负责'),
    });
    const [unchanged] = (await store.assignmentsByCaseIds(db, [assignment.caseId])).get(assignment.caseId)!;
    expect(unchanged).toMatchObject({ id: assignment.id, state: 'DISPATCHED', departmentId: 'jiangan-water' });
  });

  it('escalates up one level to the command centre above', async () => {
    const assignment = (await plan(opened({ categoryCode: '0401', text: '施工噪音', address: '兴业路' }, clock)))!;
    expect(assignment.departmentId).toBe('houhu-office');
    const escalated = await escalateAssignment(deps, assignment.id, asDepartment('houhu-office'), '需区级部门协调');
    expect(escalated).toMatchObject({ departmentId: 'jiangan-cc', state: 'DISPATCHED', previousId: assignment.id });
    const events = (await outbox()).filter((row) => row.type === 'AssignmentChanged').map((row) => [row.payload.departmentId, row.payload.state]);
    expect(events).toEqual([['houhu-office', 'DISPATCHED'], ['houhu-office', 'ESCALATED'], ['jiangan-cc', 'DISPATCHED']]);
  });

  it('opens a new round for the last department when feedback reopens the case', async () => {
    const first = (await plan(opened({ categoryCode: '0202', text: '井盖丢失' }, clock)))!;
    const urban = asDepartment('jiangan-urban');
    await advanceAssignment(deps, first.id, 'sign', urban);
    await advanceAssignment(deps, first.id, 'resolve', urban, { result: '已补装' });
    await advanceAssignment(deps, first.id, 'verify', operator);
    clock.advance(3_600_000);
    const reopen = { caseId: first.caseId, round: 2, evaluationId: randomUUID(), at: clock.now().toISOString() };
    const second = await db.transaction((tx) => reopenCase(tx, deps, reopen));
    expect(second).toMatchObject({ departmentId: 'jiangan-urban', round: 2, state: 'DISPATCHED', dueAt: new Date(clock.now().getTime() + 1440 * 60_000) });
    expect(await db.transaction((tx) => reopenCase(tx, deps, reopen))).toBeNull();
  });

  it('lets the command centre set a 攻坚哨 deadline, in the future only', async () => {
    const assignment = (await plan(opened({ categoryCode: '0104', text: '违章搭建' }, clock)))!;
    expect(assignment.dueAt).toBeNull();
    await expect(setCaseDeadline(deps, assignment.caseId, new Date('2026-11-19T00:00:00Z'), operator)).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    await expect(setCaseDeadline(deps, assignment.caseId, new Date('2026-11-27T00:00:00Z'), asDepartment('jiangan-urban'))).rejects.toMatchObject({ extensions: { code: 'FORBIDDEN' } });
    await setCaseDeadline(deps, assignment.caseId, new Date('2026-11-27T00:00:00Z'), operator);
    expect((await store.assignmentsByIds(db, [assignment.id])).get(assignment.id)!.dueAt).toEqual(new Date('2026-11-27T00:00:00Z'));
  });
});
