import type { Sql } from '@huying/runtime';
import type { CasesMergedEvent, CasesUnmergedEvent } from '@huying/schema';
import { moveAssignment, openAssignment, type DispatchDeps } from './dispatcher';
import { responsibleDepartment } from './responsibility';
import * as store from './store';

/**
 * cases merged `fromCaseId` into `intoCaseId`: the merged-away case is handled as part of the case it
 * joined, so its open assignments end here (REASSIGNED, with the case it joined in the reason) — never
 * as resolved, and no longer lit yellow or red by the sweep. Idempotent: a replay finds nothing open.
 */
export async function closeMergedCase(tx: Sql, deps: DispatchDeps, merged: CasesMergedEvent): Promise<number> {
  const plan = await store.planForUpdate(tx, merged.fromCaseId);
  if (!plan) return 0;
  await store.setPlanMergedInto(tx, plan.caseId, merged.intoCaseId);
  const open = await store.openAssignmentsOfCase(tx, plan.caseId);
  for (const assignment of open) {
    await store.markClosedByMerge(tx, assignment.id, merged.decisionId);
    await moveAssignment(tx, deps, assignment, 'REASSIGNED', { kind: 'system' }, `并案: merged into case ${merged.intoCaseId} (decision ${merged.decisionId}); handled there`);
  }
  return open.length;
}

/**
 * The merge was undone: the case is its own again, so each assignment that merge closed is handed back
 * to the same department, with a fresh time limit. Idempotent: a replaced assignment is not replaced twice.
 */
export async function reopenUnmergedCase(tx: Sql, deps: DispatchDeps, unmerged: CasesUnmergedEvent): Promise<number> {
  const plan = await store.planForUpdate(tx, unmerged.fromCaseId);
  if (!plan) return 0;
  await store.setPlanMergedInto(tx, plan.caseId, null);
  const closed = await store.assignmentsClosedByMerge(tx, plan.caseId, unmerged.decisionId);
  const now = deps.clock.now();
  const dueAt = plan.timeLimitMinutes === null ? null : new Date(now.getTime() + plan.timeLimitMinutes * 60_000);
  for (const assignment of closed) {
    const department = deps.org.department(assignment.departmentId) ?? responsibleDepartment(deps.org, plan.categoryCode, plan.level, plan).department;
    await openAssignment(tx, deps, {
      plan: { ...plan, round: assignment.round },
      department,
      dueAt,
      dueFrom: now,
      previous: assignment,
      actor: { kind: 'system' },
      reason: `撤销并案: case ${unmerged.fromCaseId} is no longer part of ${unmerged.intoCaseId} (decision ${unmerged.decisionId})`,
    });
  }
  return closed.length;
}
