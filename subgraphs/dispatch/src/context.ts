import type DataLoader from 'dataloader';
import type { Request } from 'express';
import { callerFromHeaders, listLoaderByKey, loaderByKey, type Caller } from '@huying/runtime';
import { actorOfRequest } from './credentials';
import type { Actor, DispatchDeps } from './dispatcher';
import type { AssignmentRecord, CasePlan, ReminderRecord, TransitionRecord } from './model';
import * as store from './store';
import type { SweepReport } from './supervision';

export interface DispatchContext {
  deps: DispatchDeps;
  /** The 督办 sweep, now (with the service's notifier). */
  sweep(): Promise<SweepReport>;
  /** Who asks; null for an anonymous caller (who may read cases, not act). A bad key rejects here, in the resolver that asks. */
  actor(): Promise<Actor | null>;
  /** The caller as the access rules see it: a department key is DEPARTMENT, else the role the gateway vouches for. */
  caller(): Promise<Caller>;
  loaders: {
    planByCase: DataLoader<string, CasePlan | null>;
    assignmentById: DataLoader<string, AssignmentRecord | null>;
    assignmentsByCase: DataLoader<string, AssignmentRecord[]>;
    transitionsByAssignment: DataLoader<string, TransitionRecord[]>;
    remindersByCase: DataLoader<string, ReminderRecord[]>;
  };
}

/** Built for each request: the caller's identity and loaders that never outlive it. */
export function createDispatchContext(deps: DispatchDeps, request: Request, sweep: () => Promise<SweepReport>): DispatchContext {
  const { db } = deps;
  let actor: Promise<Actor | null> | undefined;
  return {
    deps,
    sweep,
    actor: () => (actor ??= actorOfRequest(db, deps.org, request.headers)),
    caller: async () => {
      const known = await (actor ??= actorOfRequest(db, deps.org, request.headers));
      const vouched = callerFromHeaders(request.headers);
      return known?.kind === 'department' ? { role: 'DEPARTMENT', scope: known.department.id, viaGateway: vouched.viaGateway } : vouched;
    },
    loaders: {
      planByCase: loaderByKey((ids) => store.plansByCaseIds(db, ids)),
      assignmentById: loaderByKey((ids) => store.assignmentsByIds(db, ids)),
      assignmentsByCase: listLoaderByKey((ids) => store.assignmentsByCaseIds(db, ids)),
      transitionsByAssignment: listLoaderByKey((ids) => store.transitionsByAssignmentIds(db, ids)),
      remindersByCase: listLoaderByKey((ids) => store.remindersByCaseIds(db, ids)),
    },
  };
}
