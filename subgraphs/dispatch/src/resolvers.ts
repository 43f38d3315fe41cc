import type { GraphQLResolverMap } from '@apollo/subgraph';
import { decodeCursor, encodeCursor, forbiddenError, pageSize, unauthenticatedError, userInputError } from '@huying/runtime';
import { maskContact, sharedScalarResolvers, type AssignmentState } from '@huying/schema';
import type { DispatchContext } from './context';
import { issueDepartmentKey } from './credentials';
import { cursorPosition, departmentEventsAfter, outboxHead } from './departmentEvents';
import {
  actorName,
  advanceAssignment,
  dispatchCase,
  escalateAssignment,
  isUuid,
  reassignAssignment,
  setCaseDeadline,
  type Actor,
} from './dispatcher';
import type { AssignmentRecord, CasePlan, ReminderRecord, TransitionRecord, WebhookRecord } from './model';
import type { DepartmentConfig } from './organisation';
import { isOpenAssignment } from './assignmentStates';
import * as store from './store';
import { registerWebhook } from './webhooks';

const unauthenticated = (message = 'this needs a department key or an operator token (Authorization: Bearer …)') => unauthenticatedError(message);

async function requireActor(context: DispatchContext): Promise<Actor> {
  const actor = await context.actor();
  if (!actor) throw unauthenticated();
  return actor;
}

/** A department system sees only its own department's assignments; people and anonymous readers see all. */
async function canSeeAssignment(context: DispatchContext, record: AssignmentRecord): Promise<boolean> {
  const actor = await context.actor();
  return actor?.kind !== 'department' || actor.department.id === record.departmentId;
}

/** Its own department's feed and webhooks: the department itself, or an operator. */
async function requireDepartmentOrOperator(context: DispatchContext, departmentId: string): Promise<DepartmentConfig> {
  const department = context.deps.org.department(departmentId);
  if (!department) throw userInputError(`no department "${departmentId}"`, { field: 'departmentId' });
  const actor = await requireActor(context);
  if (actor.kind === 'department' && actor.department.id !== departmentId) throw forbiddenError(`a department system sees only its own department (${actor.department.id})`);
  return department;
}

function departmentOf(context: DispatchContext, id: string): DepartmentConfig | { id: string; name: string; level: string; kind: string; categories: string[]; areas: string[] } {
  // An id from an older organisation file still resolves, so history never breaks.
  return context.deps.org.department(id) ?? { id, name: id, level: 'DISTRICT', kind: 'FUNCTIONAL', categories: [], areas: [] };
}

export const resolvers: GraphQLResolverMap<DispatchContext> = {
  ...sharedScalarResolvers,
  Query: {
    department: (_root, { id }: { id: string }, context) => context.deps.org.department(id) ?? null,
    departments: (_root, { level }: { level?: string | null }, context) =>
      [...context.deps.org.departments.values()].filter((department) => !level || department.level === level),
    assignment: async (_root, { id }: { id: string }, context) => {
      if (!isUuid(id)) return null;
      const record = await context.loaders.assignmentById.load(id);
      return record && (await canSeeAssignment(context, record)) ? record : null;
    },
    myAssignments: async (_root, args: { state?: AssignmentState | null; first?: number | null; after?: string | null }, context) => {
      const actor = await requireActor(context);
      if (actor.kind !== 'department') throw forbiddenError('myAssignments is for department systems (use a department key)');
      const first = pageSize(args.first);
      const before = args.after ? assignmentCursor(args.after) : null;
      const page = await store.assignmentsOfDepartment(context.deps.db, actor.department.id, { states: args.state ? [args.state] : null, limit: first + 1, before });
      const nodes = page.slice(0, first);
      const last = nodes.at(-1);
      return { nodes, pageInfo: { hasNextPage: page.length > first, endCursor: last ? encodeCursor([last.dispatchedAt.toISOString(), last.id]) : null } };
    },
    assignmentEvents: async (_root, args: { departmentId: string; after?: string | null; first?: number | null }, context) => {
      await requireDepartmentOrOperator(context, args.departmentId);
      const first = pageSize(args.first, 100);
      const after = cursorPosition(args.after);
      const [{ events, hasMore }, head] = await Promise.all([
        departmentEventsAfter(context.deps.db, args.departmentId, after, first),
        outboxHead(context.deps.db),
      ]);
      return { nodes: events, pageInfo: { hasNextPage: hasMore, endCursor: events.at(-1)?.cursor ?? args.after ?? null }, headCursor: String(head) };
    },
    supervisionQueue: async (_root, { first }: { first?: number | null }, context) => {
      const actor = await requireActor(context);
      if (actor.kind === 'department' && actor.department.kind !== 'SUPERVISION') throw forbiddenError('the supervision queue is for the supervision office and operators');
      return store.supervisedAssignments(context.deps.db, pageSize(first, 50));
    },
    webhooks: async (_root, { departmentId }: { departmentId: string }, context) => {
      await requireDepartmentOrOperator(context, departmentId);
      return store.activeWebhooks(context.deps.db, departmentId);
    },
  },
  Mutation: {
    dispatchCase: async (_root, args: { caseId: string; departmentId: string; reason?: string | null }, context) =>
      dispatchCase(context.deps, args.caseId, args.departmentId, await requireActor(context), args.reason ?? null),
    signAssignment: async (_root, { id }: { id: string }, context) => advanceAssignment(context.deps, id, 'sign', await requireActor(context)),
    reportProgress: async (_root, { id, note }: { id: string; note: string }, context) =>
      advanceAssignment(context.deps, id, 'progress', await requireActor(context), { note }),
    resolveAssignment: async (_root, { id, result, photos }: { id: string; result: string; photos?: string[] | null }, context) =>
      advanceAssignment(context.deps, id, 'resolve', await requireActor(context), { result, photos }),
    verifyAssignment: async (_root, { id, note }: { id: string; note?: string | null }, context) =>
      advanceAssignment(context.deps, id, 'verify', await requireActor(context), { note }),
    escalateAssignment: async (_root, { id, reason }: { id: string; reason: string }, context) =>
      escalateAssignment(context.deps, id, await requireActor(context), reason),
    reassignAssignment: async (_root, { id, departmentId, reason }: { id: string; departmentId: string; reason: string }, context) =>
      reassignAssignment(context.deps, id, departmentId, await requireActor(context), reason),
    runSupervisionSweep: (_root, _args, context) => context.sweep(),
    setCaseDeadline: async (_root, { caseId, dueAt }: { caseId: string; dueAt: Date }, context) => {
      const plan = await setCaseDeadline(context.deps, caseId, new Date(dueAt), await requireActor(context));
      return { id: plan.caseId };
    },
    issueDepartmentKey: async (_root, { departmentId }: { departmentId: string }, context) => {
      const actor = await requireActor(context);
      if (actor.kind !== 'operator' || (actor.role !== 'ADMIN' && actor.role !== 'COMMAND_CENTRE')) throw forbiddenError('only an ADMIN or COMMAND_CENTRE operator issues department keys');
      const department = context.deps.org.department(departmentId);
      if (!department) throw userInputError(`no department "${departmentId}"`, { field: 'departmentId' });
      return { department, key: await issueDepartmentKey(context.deps.db, context.deps.clock, departmentId, actorName(actor)) };
    },
    registerWebhook: async (_root, { departmentId, url }: { departmentId: string; url: string }, context) => {
      await requireDepartmentOrOperator(context, departmentId);
      const webhook = await registerWebhook(context.deps.db, context.deps.clock, departmentId, url);
      return { webhook, secret: webhook.secret };
    },
    removeWebhook: async (_root, { id }: { id: string }, context) => {
      if (!isUuid(id)) throw userInputError(`webhook id "${id}" is not a UUID`, { field: 'id' });
      const webhook = await store.webhookById(context.deps.db, id);
      if (!webhook || webhook.removedAt) return false;
      await requireDepartmentOrOperator(context, webhook.departmentId);
      await store.removeWebhook(context.deps.db, id, context.deps.clock.now());
      return true;
    },
  },
  Department: {
    __resolveReference: (ref: { id: string }, context: DispatchContext) => context.deps.org.department(ref.id) ?? null,
    categories: (department: DepartmentConfig) => department.categories,
  },
  Case: {
    __resolveReference: (ref: { id: string }) => ({ id: ref.id }),
    level: async (ref: { id: string }, _args, context) => (await plan(context, ref.id))?.level ?? null,
    whistle: async (ref: { id: string }, _args, context) => (await plan(context, ref.id))?.whistle ?? null,
    matterType: async (ref: { id: string }, _args, context) => (await plan(context, ref.id))?.matterType ?? null,
    dueAt: async (ref: { id: string }, _args, context) => (await plan(context, ref.id))?.dueAt ?? null,
    streetId: async (ref: { id: string }, _args, context) => (await plan(context, ref.id))?.streetId ?? null,
    communityId: async (ref: { id: string }, _args, context) => (await plan(context, ref.id))?.communityId ?? null,
    assignments: async (ref: { id: string }, _args, context) => visibleAssignments(context, ref.id),
    currentAssignment: async (ref: { id: string }, _args, context) => currentAssignment(await visibleAssignments(context, ref.id)),
    slaLight: async (ref: { id: string }, _args, context) => {
      if (!(await plan(context, ref.id))) return null;
      const current = currentAssignment(await visibleAssignments(context, ref.id));
      return current && isOpenAssignment(current.state) ? current.slaLight : 'GREEN';
    },
    reminders: async (ref: { id: string }, _args, context) => {
      if (!isUuid(ref.id)) return [];
      const actor = await context.actor();
      const reminders = await context.loaders.remindersByCase.load(ref.id);
      return actor?.kind === 'department' ? reminders.filter((reminder) => reminder.departmentId === actor.department.id) : reminders;
    },
  },
  // Public: which department and by when, never the assignments themselves.
  ServiceRequest: {
    __resolveReference: (ref: { id: string }) => ({ id: ref.id }),
    agencyResponsible: async (ref: { id: string }, _args, context) => {
      if (!isUuid(ref.id)) return null;
      const current = currentAssignment(await context.loaders.assignmentsByCase.load(ref.id));
      return current ? departmentOf(context, current.departmentId).name : null;
    },
    expectedAt: async (ref: { id: string }, _args, context) => (await plan(context, ref.id))?.dueAt ?? null,
  },
  Assignment: {
    __resolveReference: async (ref: { id: string }, context: DispatchContext) => {
      if (!isUuid(ref.id)) return null;
      const record = await context.loaders.assignmentById.load(ref.id);
      return record && (await canSeeAssignment(context, record)) ? record : null;
    },
    case: (record: AssignmentRecord) => ({ id: record.caseId }),
    department: (record: AssignmentRecord, _args, context) => departmentOf(context, record.departmentId),
    transitions: (record: AssignmentRecord, _args, context) => context.loaders.transitionsByAssignment.load(record.id),
  },
  AssignmentTransition: {
    from: (transition: TransitionRecord) => transition.fromState,
    to: (transition: TransitionRecord) => transition.toState,
    by: (transition: TransitionRecord) => transition.actor,
  },
  Reminder: {
    role: (reminder: ReminderRecord) => reminder.recipientRole,
    recipientPhone: (reminder: ReminderRecord) => maskContact(reminder.recipientPhone),
    department: (reminder: ReminderRecord, _args, context) => departmentOf(context, reminder.departmentId),
  },
  Webhook: {
    department: (webhook: WebhookRecord, _args, context) => departmentOf(context, webhook.departmentId),
  },
};

async function plan(context: DispatchContext, caseId: string): Promise<CasePlan | null> {
  return isUuid(caseId) ? context.loaders.planByCase.load(caseId) : null;
}

async function visibleAssignments(context: DispatchContext, caseId: string): Promise<AssignmentRecord[]> {
  if (!isUuid(caseId)) return [];
  const all = await context.loaders.assignmentsByCase.load(caseId);
  const actor = await context.actor();
  return actor?.kind === 'department' ? all.filter((record) => record.departmentId === actor.department.id) : all;
}

/** The open assignment if there is one, else the latest. */
function currentAssignment(assignments: AssignmentRecord[]): AssignmentRecord | null {
  return assignments.filter((record) => isOpenAssignment(record.state)).at(-1) ?? assignments.at(-1) ?? null;
}

function assignmentCursor(cursor: string): { dispatchedAt: Date; id: string } {
  const [dispatchedAt, id] = decodeCursor(cursor);
  const date = new Date(String(dispatchedAt));
  if (typeof id !== 'string' || !isUuid(id) || Number.isNaN(date.getTime())) throw userInputError('after is not a cursor this API handed out', { field: 'after' });
  return { dispatchedAt: date, id };
}
