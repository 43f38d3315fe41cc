import { conflictError, forbiddenError, notFoundError, publishEvent, recordAudit, userInputError, type Clock, type Database, type Sql } from '@huying/runtime';
import type { AssignmentChangedEvent, AssignmentState, CaseCategoryCorrectedEvent, CaseClassifiedEvent, CaseOpenedEvent, CaseReopenedEvent } from '@huying/schema';
import { nextAssignmentState, type AssignmentAction } from './assignmentStates';
import { classifyCase } from './classification';
import { DISPATCH_SCHEMA, type AssignmentRecord, type CasePlan } from './model';
import type { OrgChart } from './orgChart';
import type { DepartmentConfig } from './organisation';
import { escalationTarget, handOverRefusal, responsibleDepartment } from './responsibility';
import * as store from './store';

export interface DispatchDeps {
  db: Database;
  clock: Clock;
  org: OrgChart;
}

/** Who acts: a department system (by its credential), a person in a role the gateway vouches for, or dispatch itself. */
export type Actor =
  | { kind: 'department'; department: DepartmentConfig }
  | { kind: 'operator'; role: string }
  | { kind: 'system' };

export function actorName(actor: Actor): string {
  if (actor.kind === 'department') return `department:${actor.department.id}`;
  if (actor.kind === 'operator') return `role:${actor.role}`;
  return 'system';
}

/** A command centre: an operator, or a command centre's own system. */
function isCommandCentre(actor: Actor): boolean {
  return actor.kind === 'operator' || actor.kind === 'system' || (actor.kind === 'department' && actor.department.kind === 'COMMAND_CENTRE');
}

/** A new case from cases: classify, place, pick the department, dispatch. Idempotent (a replayed event does nothing). */
export async function planNewCase(tx: Sql, deps: DispatchDeps, opened: CaseOpenedEvent): Promise<AssignmentRecord | null> {
  const now = deps.clock.now();
  const createdAt = new Date(opened.createdAt);
  const classification = classifyCase({ categoryCode: opened.categoryCode, title: opened.title, text: opened.text, createdAt }, deps.org.file.classification);
  const place = deps.org.place(opened.address, opened.location, `${opened.title} ${opened.text}`);
  const plan: CasePlan = {
    caseId: opened.caseId,
    categoryCode: opened.categoryCode,
    level: classification.level,
    whistle: classification.whistle,
    matterType: classification.matterType,
    timeLimitMinutes: classification.timeLimitMinutes,
    dueAt: classification.dueAt,
    streetId: place.streetId,
    communityId: place.communityId,
    emergencyWord: classification.emergencyWord,
    createdAt,
    classifiedAt: now,
    round: 1,
  };
  if (!(await store.insertPlan(tx, plan, opened.address, opened.location))) return null;
  await publishClassified(tx, deps, plan, now);
  const decision = responsibleDepartment(deps.org, plan.categoryCode, plan.level, place);
  const reason = classification.emergencyWord ? `${decision.reason}; 应急哨 (${classification.emergencyWord})` : decision.reason;
  // The rules' time limit runs from receipt (受理), not from this dispatch.
  return openAssignment(tx, deps, { plan, department: decision.department, dueAt: plan.dueAt, dueFrom: plan.createdAt, previous: null, actor: { kind: 'system' }, reason });
}

/** A dissatisfied evaluation reopened the case: a new round of handling, to the department that last held it. */
export async function reopenCase(tx: Sql, deps: DispatchDeps, reopened: CaseReopenedEvent): Promise<AssignmentRecord | null> {
  const plan = await store.planForUpdate(tx, reopened.caseId);
  if (!plan || reopened.round <= plan.round) return null;
  const now = deps.clock.now();
  await store.updatePlanRound(tx, plan.caseId, reopened.round);
  const latest = await store.latestAssignmentOfCase(tx, plan.caseId);
  for (const open of await store.openAssignmentsOfCase(tx, plan.caseId)) {
    await moveAssignment(tx, deps, open, 'REASSIGNED', { kind: 'system' }, '不满意重办: a new round replaces this assignment');
  }
  const department = (latest && deps.org.department(latest.departmentId)) ?? responsibleDepartment(deps.org, plan.categoryCode, plan.level, plan).department;
  const dueAt = plan.timeLimitMinutes === null ? null : new Date(now.getTime() + plan.timeLimitMinutes * 60_000);
  return openAssignment(tx, deps, {
    plan: { ...plan, round: reopened.round },
    department,
    dueAt,
    dueFrom: now,
    previous: latest,
    actor: { kind: 'system' },
    reason: `不满意重办: round ${reopened.round} (evaluation ${reopened.evaluationId})`,
  });
}

export async function openAssignment(
  tx: Sql,
  deps: DispatchDeps,
  input: { plan: CasePlan; department: DepartmentConfig; dueAt: Date | null; dueFrom: Date; previous: AssignmentRecord | null; actor: Actor; reason: string },
): Promise<AssignmentRecord> {
  const now = deps.clock.now();
  const record = await store.insertAssignment(tx, {
    caseId: input.plan.caseId,
    departmentId: input.department.id,
    round: input.plan.round,
    dispatchedAt: now,
    dueAt: input.dueAt,
    dueFrom: input.dueAt ? input.dueFrom : null,
    previousId: input.previous?.id ?? null,
  });
  await recordTransition(tx, deps, record, null, input.actor, input.reason);
  return record;
}

async function recordTransition(tx: Sql, deps: DispatchDeps, record: AssignmentRecord, previousState: AssignmentState | null, actor: Actor, reason: string | null) {
  const at = deps.clock.now();
  await store.insertTransition(tx, { assignmentId: record.id, fromState: previousState, toState: record.state, actor: actorName(actor), reason, at });
  const department = deps.org.department(record.departmentId);
  const changed: AssignmentChangedEvent = {
    assignmentId: record.id,
    caseId: record.caseId,
    departmentId: record.departmentId,
    departmentName: department?.name ?? record.departmentId,
    state: record.state,
    previousState,
    round: record.round,
    dueAt: record.dueAt?.toISOString() ?? null,
    respondedAt: record.respondedAt?.toISOString() ?? null,
    resolvedAt: record.resolvedAt?.toISOString() ?? null,
    by: actorName(actor),
    reason,
    at: at.toISOString(),
  };
  await publishEvent(tx, DISPATCH_SCHEMA, { type: 'AssignmentChanged', aggregateId: record.caseId, occurredAt: at, payload: { ...changed } });
  await recordAudit(tx, DISPATCH_SCHEMA, {
    action: `assignment:${record.state}`,
    subjectType: 'Assignment',
    subjectId: record.id,
    actor: actorName(actor),
    before: previousState === null ? null : { state: previousState },
    after: { state: record.state, caseId: record.caseId, departmentId: record.departmentId, dueAt: changed.dueAt },
    reason,
  }, at);
}

export async function moveAssignment(tx: Sql, deps: DispatchDeps, record: AssignmentRecord, state: AssignmentState, actor: Actor, reason: string | null) {
  const now = deps.clock.now();
  const previousState = record.state;
  const moved: AssignmentRecord = {
    ...record,
    state,
    updatedAt: now,
    respondedAt: record.respondedAt ?? (state === 'SIGNED' ? now : null),
    resolvedAt: record.resolvedAt ?? (state === 'RESOLVED' ? now : null),
  };
  await store.saveAssignment(tx, moved);
  await recordTransition(tx, deps, moved, previousState, actor, reason);
  return moved;
}

async function lockedAssignment(tx: Sql, id: string): Promise<AssignmentRecord> {
  if (!isUuid(id)) throw userInputError(`assignment id "${id}" is not a UUID`, { field: 'id' });
  const record = await store.assignmentForUpdate(tx, id);
  if (!record) throw notFoundError('Assignment', id);
  return record;
}

function mustOwn(actor: Actor, record: AssignmentRecord): void {
  if (actor.kind === 'department' && actor.department.id !== record.departmentId && actor.department.kind !== 'COMMAND_CENTRE') {
    throw forbiddenError(`assignment ${record.id} belongs to another department`);
  }
}

function stepOrRefuse(record: AssignmentRecord, action: AssignmentAction): AssignmentState {
  const outcome = nextAssignmentState(record.state, action);
  if (!outcome.ok) throw conflictError(outcome.reason, { state: record.state, action });
  return outcome.state;
}

export interface ProgressInput {
  note?: string | null;
  result?: string | null;
  photos?: readonly string[] | null;
}

/** Sign (签收), progress, resolve (with result and photos) or verify/close, by the department or an operator. */
export async function advanceAssignment(deps: DispatchDeps, id: string, action: 'sign' | 'progress' | 'resolve' | 'verify', actor: Actor, input: ProgressInput = {}) {
  if (action === 'resolve' && !input.result?.trim()) throw userInputError('resolving needs a result text (办理结果)', { field: 'result' });
  if (action === 'progress' && !input.note?.trim()) throw userInputError('a progress report needs a note', { field: 'note' });
  for (const photo of input.photos ?? []) {
    if (!/^https?:\/\/\S+$/.test(photo)) throw userInputError(`photo "${photo}" is not an http(s) URL`, { field: 'photos' });
  }
  return deps.db.transaction(async (tx) => {
    const record = await lockedAssignment(tx, id);
    mustOwn(actor, record);
    if (action === 'verify' && actor.kind === 'department' && actor.department.id === record.departmentId && actor.department.kind !== 'COMMAND_CENTRE') {
      throw forbiddenError('a department cannot verify its own result; the command centre does');
    }
    const state = stepOrRefuse(record, action);
    const withResult = action === 'resolve' ? { ...record, result: input.result!.trim(), photos: [...(input.photos ?? [])] } : record;
    return moveAssignment(tx, deps, withResult, state, actor, input.note?.trim() || input.result?.trim() || null);
  });
}

/** Up one level: the command centre above the department that holds it takes it over. */
export async function escalateAssignment(deps: DispatchDeps, id: string, actor: Actor, reason: string) {
  if (!reason.trim()) throw userInputError('an escalation needs a reason', { field: 'reason' });
  return deps.db.transaction(async (tx) => {
    const record = await lockedAssignment(tx, id);
    mustOwn(actor, record);
    stepOrRefuse(record, 'escalate');
    const from = deps.org.department(record.departmentId)!;
    const plan = (await store.planForUpdate(tx, record.caseId))!;
    const target = escalationTarget(deps.org, from, plan);
    if ('refused' in target) throw conflictError(target.refused, { code: 'CONFLICT', reason: 'NO_LEVEL_ABOVE' });
    await moveAssignment(tx, deps, record, 'ESCALATED', actor, reason.trim());
    return openAssignment(tx, deps, { plan: { ...plan, round: record.round }, department: target, dueAt: record.dueAt, dueFrom: record.dueFrom ?? record.dispatchedAt, previous: record, actor, reason: `上报: ${reason.trim()}` });
  });
}

/** The command centre hands the case to another department. A department cannot bounce it back down (首问负责). */
export async function reassignAssignment(deps: DispatchDeps, id: string, departmentId: string, actor: Actor, reason: string) {
  if (!reason.trim()) throw userInputError('a reassignment needs a reason', { field: 'reason' });
  const to = deps.org.department(departmentId);
  if (!to) throw userInputError(`no department "${departmentId}"`, { field: 'departmentId' });
  if (to.kind === 'SUPERVISION') throw userInputError(`${to.name} supervises; it does not handle cases`, { field: 'departmentId' });
  return deps.db.transaction(async (tx) => {
    const record = await lockedAssignment(tx, id);
    mustOwn(actor, record);
    const from = deps.org.department(record.departmentId)!;
    if (actor.kind === 'department' && actor.department.kind !== 'COMMAND_CENTRE') {
      const refusal = handOverRefusal(actor.department, from, to);
      if (refusal) throw conflictError(refusal, { reason: 'FIRST_ASKED_RESPONSIBILITY' });
      throw forbiddenError('only a command centre reassigns; escalate the assignment instead', { reason: 'COMMAND_CENTRE_ONLY' });
    }
    if (to.id === record.departmentId) throw userInputError(`the assignment is already with ${to.name}`, { field: 'departmentId' });
    stepOrRefuse(record, 'reassign');
    const plan = (await store.planForUpdate(tx, record.caseId))!;
    await moveAssignment(tx, deps, record, 'REASSIGNED', actor, reason.trim());
    const now = deps.clock.now();
    const dueAt = plan.timeLimitMinutes === null ? null : new Date(now.getTime() + plan.timeLimitMinutes * 60_000);
    return openAssignment(tx, deps, { plan: { ...plan, round: record.round }, department: to, dueAt, dueFrom: now, previous: record, actor, reason: `改派: ${reason.trim()}` });
  });
}

/** A command centre dispatches a case that has no open assignment (e.g. after a closed round). */
export async function dispatchCase(deps: DispatchDeps, caseId: string, departmentId: string, actor: Actor, reason: string | null) {
  if (!isCommandCentre(actor)) throw forbiddenError('only a command centre dispatches cases');
  const to = deps.org.department(departmentId);
  if (!to || to.kind === 'SUPERVISION') throw userInputError(`no department "${departmentId}" that handles cases`, { field: 'departmentId' });
  if (!isUuid(caseId)) throw userInputError(`case id "${caseId}" is not a UUID`, { field: 'caseId' });
  return deps.db.transaction(async (tx) => {
    const plan = await store.planForUpdate(tx, caseId);
    if (!plan) throw notFoundError('Case (as dispatch knows it)', caseId);
    if (plan.mergedInto) throw conflictError(`case ${caseId} was merged into ${plan.mergedInto}; dispatch that case instead`, { mergedInto: plan.mergedInto });
    const open = await store.openAssignmentsOfCase(tx, caseId);
    if (open.length > 0) throw conflictError(`case ${caseId} already has an open assignment (${open[0]!.id}); reassign it instead`, { assignmentId: open[0]!.id });
    const now = deps.clock.now();
    const dueAt = plan.timeLimitMinutes === null ? null : new Date(now.getTime() + plan.timeLimitMinutes * 60_000);
    return openAssignment(tx, deps, { plan, department: to, dueAt, dueFrom: now, previous: await store.latestAssignmentOfCase(tx, caseId), actor, reason: reason?.trim() || '指挥中心派单' });
  });
}

/** Tells the other services how dispatch classified a case (analytics counts it by these). */
async function publishClassified(tx: Sql, deps: DispatchDeps, plan: CasePlan, at: Date): Promise<void> {
  const classified: CaseClassifiedEvent = {
    caseId: plan.caseId,
    categoryCode: plan.categoryCode,
    level: plan.level,
    whistle: plan.whistle,
    matterType: plan.matterType,
    dueAt: plan.dueAt?.toISOString() ?? null,
    streetId: plan.streetId,
    communityId: plan.communityId,
    streetName: deps.org.areaName(plan.streetId),
    communityName: deps.org.areaName(plan.communityId),
    at: at.toISOString(),
  };
  await publishEvent(tx, DISPATCH_SCHEMA, { type: 'CaseClassified', aggregateId: plan.caseId, occurredAt: at, payload: { ...classified } });
}

/**
 * An operator corrected a case's category (cases' CaseCategoryCorrected): the plan files it under the new one
 * and analytics hears it again as CaseClassified. Level, deadline and department stay as dispatched; the
 * command centre reassigns if the new category belongs elsewhere. Idempotent.
 */
export async function recordCorrectedCategory(tx: Sql, deps: DispatchDeps, corrected: CaseCategoryCorrectedEvent): Promise<void> {
  const plan = await store.planForUpdate(tx, corrected.caseId);
  if (!plan || plan.categoryCode === corrected.categoryCode) return;
  // Filed anew when corrected; or, where dispatch first filed the case only after the operator had corrected it
  // (its feed running behind), when first filed: the feed's order says the correction is the newer, and a reader
  // that keeps the newest classification by its time (analytics) must keep this one.
  const at = new Date(Math.max(new Date(corrected.at).getTime(), plan.classifiedAt.getTime()));
  await store.updatePlanCategory(tx, plan.caseId, corrected.categoryCode, at);
  await publishClassified(tx, deps, { ...plan, categoryCode: corrected.categoryCode, classifiedAt: at }, at);
}

/** 攻坚哨: the command centre sets the case's deadline; its open assignments get it too. */
export async function setCaseDeadline(deps: DispatchDeps, caseId: string, dueAt: Date, actor: Actor): Promise<CasePlan> {
  if (!isCommandCentre(actor)) throw forbiddenError('only a command centre sets deadlines');
  if (!isUuid(caseId)) throw userInputError(`case id "${caseId}" is not a UUID`, { field: 'caseId' });
  const now = deps.clock.now();
  if (Number.isNaN(dueAt.getTime()) || dueAt <= now) throw userInputError('dueAt must be in the future', { field: 'dueAt' });
  return deps.db.transaction(async (tx) => {
    const plan = await store.planForUpdate(tx, caseId);
    if (!plan) throw notFoundError('Case (as dispatch knows it)', caseId);
    const minutes = Math.ceil((dueAt.getTime() - plan.createdAt.getTime()) / 60_000);
    await store.updatePlanDeadline(tx, caseId, dueAt, minutes);
    await recordAudit(tx, DISPATCH_SCHEMA, {
      action: 'setCaseDeadline',
      subjectType: 'Case',
      subjectId: caseId,
      actor: actorName(actor),
      before: { dueAt: plan.dueAt?.toISOString() ?? null },
      after: { dueAt: dueAt.toISOString() },
    }, now);
    for (const open of await store.openAssignmentsOfCase(tx, caseId)) {
      // The set deadline counts from receipt, like the minutes the plan keeps for it.
      await store.saveAssignment(tx, { ...open, dueAt, dueFrom: plan.createdAt, updatedAt: now });
    }
    return { ...plan, dueAt, timeLimitMinutes: minutes };
  });
}

export function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}
