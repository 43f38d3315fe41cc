import { conflictError, notFoundError, publishEvent, recordAudit, type AuditEntry, type Sql } from '@huying/runtime';
import { CASES_SCHEMA, openCase, type IntakeDeps } from './intake';
import type { CaseRecord, MergeDecisionRecord } from './model';
import * as merges from './mergeStore';
import * as store from './store';

/**
 * What operators do with the filter's work: merge two cases, split a report out, confirm or reject a
 * suggestion, and undo any decision. Each runs in one transaction and publishes what changed.
 * Nothing is deleted: a merged-away case keeps its row (status MERGED, `merged_into` set).
 */
export interface Operator {
  by: string;
  reason: string | null;
}

export async function mergeCases(
  deps: IntakeDeps,
  request: { intoCaseId: string; fromCaseId: string } & Operator,
): Promise<MergeDecisionRecord> {
  return deps.db.transaction((tx) =>
    mergeInTransaction(tx, deps, { ...request, score: null, signals: null, automatic: false }),
  );
}

async function mergeInTransaction(
  tx: Sql,
  deps: IntakeDeps,
  request: { intoCaseId: string; fromCaseId: string; score: number | null; signals: Record<string, unknown> | null; automatic: boolean } & Operator,
): Promise<MergeDecisionRecord> {
  const now = deps.clock.now();
  if (request.intoCaseId === request.fromCaseId) throw conflictError('a case cannot be merged into itself', { field: 'from' });
  await merges.lockCases(tx, [request.intoCaseId, request.fromCaseId]);
  const cases = await store.casesByIds(tx, [request.intoCaseId, request.fromCaseId]);
  const into = requireCase(cases, request.intoCaseId);
  const from = requireCase(cases, request.fromCaseId);
  for (const [field, record] of [['into', into], ['from', from]] as const) {
    if (record.status === 'MERGED') throw conflictError(`case ${record.id} is already merged into ${record.mergedInto}`, { field });
  }
  const decision = await merges.insertDecision(tx, {
    kind: 'MERGE',
    outcome: null,
    state: 'APPLIED',
    intoCaseId: into.id,
    fromCaseId: from.id,
    reportId: null,
    score: request.score,
    signals: request.signals,
    automatic: request.automatic,
    decidedBy: request.by,
    reason: request.reason,
    decidedAt: now,
  });
  await merges.moveReports(tx, decision.id, await merges.reportIdsOfCase(tx, from.id), from.id, into.id);
  await merges.markMerged(tx, from.id, into.id, now);
  await merges.resetCaseClock(tx, into.id, now);
  await publishEvent(tx, CASES_SCHEMA, {
    type: 'CasesMerged',
    aggregateId: into.id,
    occurredAt: now,
    payload: { intoCaseId: into.id, fromCaseId: from.id, decisionId: decision.id, at: now.toISOString() },
  });
  await audit(tx, now, request, {
    action: request.automatic ? 'automaticMerge' : 'mergeCases',
    subjectType: 'Case',
    subjectId: from.id,
    before: { status: from.status, mergedInto: null },
    after: { status: 'MERGED', mergedInto: into.id, decisionId: decision.id },
  });
  return decision;
}

/** Every change of the case record goes to the audit log with who did it and why. */
function audit(tx: Sql, at: Date, operator: Operator, entry: Omit<AuditEntry, 'actor' | 'reason'>): Promise<void> {
  return recordAudit(tx, CASES_SCHEMA, { ...entry, actor: operator.by, reason: operator.reason }, at);
}

/**
 * An operator agrees with a grey-zone suggestion: the new case joins the earlier one. A suggestion waits
 * while its cases move (a report is queued with up to three cases, and one is confirmed first): it joins
 * the cases they are now part of, and asks nothing more of two cases that are one already.
 */
export async function confirmMerge(deps: IntakeDeps, suggestionId: string, operator: Operator): Promise<MergeDecisionRecord> {
  return deps.db.transaction(async (tx) => {
    const suggestion = await pendingSuggestion(tx, suggestionId);
    await merges.setDecisionState(tx, suggestion.id, 'CONFIRMED', { at: deps.clock.now(), by: operator.by, reason: operator.reason });
    const [intoCaseId, fromCaseId] = [await merges.liveCaseOf(tx, suggestion.intoCaseId), await merges.liveCaseOf(tx, suggestion.fromCaseId!)];
    if (intoCaseId === fromCaseId) {
      await audit(tx, deps.clock.now(), operator, { action: 'confirmMerge', subjectType: 'MergeDecision', subjectId: suggestion.id, before: { state: 'PENDING' }, after: { state: 'CONFIRMED', alreadyOneCase: intoCaseId } });
      return (await merges.lockDecision(tx, suggestion.id))!;
    }
    return mergeInTransaction(tx, deps, {
      intoCaseId,
      fromCaseId,
      score: suggestion.score,
      signals: suggestion.signals,
      automatic: false,
      by: operator.by,
      reason: operator.reason ?? `confirmed suggestion ${suggestion.id}`,
    });
  });
}

export async function rejectMerge(deps: IntakeDeps, suggestionId: string, operator: Operator): Promise<MergeDecisionRecord> {
  return deps.db.transaction(async (tx) => {
    const suggestion = await pendingSuggestion(tx, suggestionId);
    await merges.setDecisionState(tx, suggestion.id, 'REJECTED', { at: deps.clock.now(), by: operator.by, reason: operator.reason });
    await audit(tx, deps.clock.now(), operator, { action: 'rejectMerge', subjectType: 'MergeDecision', subjectId: suggestion.id, before: { state: 'PENDING' }, after: { state: 'REJECTED' } });
    return (await merges.lockDecision(tx, suggestion.id))!;
  });
}

/** Takes one report out of its case into a new case of its own (the case keeps its other reports). */
export async function splitReport(deps: IntakeDeps, reportId: string, operator: Operator): Promise<MergeDecisionRecord> {
  return deps.db.transaction((tx) => splitInTransaction(tx, deps, reportId, operator, null));
}

async function splitInTransaction(
  tx: Sql,
  deps: IntakeDeps,
  reportId: string,
  operator: Operator,
  undoing: MergeDecisionRecord | null,
): Promise<MergeDecisionRecord> {
  const now = deps.clock.now();
  const report = (await store.reportsByIds(tx, [reportId])).get(reportId);
  if (!report) throw notFoundError('Report', reportId);
  await merges.lockCases(tx, [report.caseId]);
  const siblings = await merges.reportIdsOfCase(tx, report.caseId);
  if (siblings.length < 2) throw conflictError(`report ${reportId} is the only report of its case; there is nothing to split it from`, { field: 'reportId' });
  const { id: _id, revision: _revision, ...fields } = report;
  const newCase = await openCase(tx, fields, now);
  const decision = await merges.insertDecision(tx, {
    kind: 'SPLIT',
    outcome: null,
    state: 'APPLIED',
    intoCaseId: newCase.id,
    fromCaseId: report.caseId,
    reportId,
    score: null,
    signals: undoing ? { undoes: undoing.id } : null,
    automatic: false,
    decidedBy: operator.by,
    reason: operator.reason,
    decidedAt: now,
  });
  await merges.moveReports(tx, decision.id, [reportId], report.caseId, newCase.id);
  await merges.resetCaseClock(tx, report.caseId, now);
  await publishEvent(tx, CASES_SCHEMA, {
    type: 'ReportSplit',
    aggregateId: report.caseId,
    occurredAt: now,
    payload: { reportId, fromCaseId: report.caseId, toCaseId: newCase.id, decisionId: decision.id, at: now.toISOString() },
  });
  await audit(tx, now, operator, { action: 'splitReport', subjectType: 'Report', subjectId: reportId, before: { caseId: report.caseId }, after: { caseId: newCase.id, decisionId: decision.id } });
  return decision;
}

/**
 * Undoes a decision: an automatic attach takes the report back out into its own case, a merge moves
 * the reports it moved back and reopens the merged-away case, a split puts the report back.
 * The decision stays, marked UNDONE with who and why.
 */
export async function undoMergeDecision(deps: IntakeDeps, decisionId: string, operator: Operator): Promise<MergeDecisionRecord> {
  return deps.db.transaction(async (tx) => {
    const now = deps.clock.now();
    const decision = await merges.lockDecision(tx, decisionId);
    if (!decision) throw notFoundError('MergeDecision', decisionId);
    if (decision.state !== 'APPLIED') throw conflictError(`decision ${decisionId} is ${decision.state}; only an applied decision can be undone`, { state: decision.state });
    if (decision.kind === 'ATTACH') {
      await splitInTransaction(tx, deps, decision.reportId!, operator, decision);
    } else if (decision.kind === 'MERGE') {
      await merges.lockCases(tx, [decision.intoCaseId, decision.fromCaseId!]);
      const moves = await merges.movesOf(tx, decision.id);
      // A report the merge brought in that a later decision moved on (a split) cannot come back by this
      // undo: undone anyway, the merged-away case would return empty, with a live assignment, while its
      // report sits elsewhere. The later decision is undone first.
      const placed = await store.reportsByIds(tx, moves.map((move) => move.reportId));
      const strayed = moves.find((move) => placed.get(move.reportId)?.caseId !== move.toCaseId);
      if (strayed) {
        throw conflictError(
          `report ${strayed.reportId} has left case ${decision.intoCaseId} since this merge (a later decision moved it to case ${placed.get(strayed.reportId)?.caseId}); undo that decision first`,
          { field: 'decisionId', reportId: strayed.reportId },
        );
      }
      for (const move of moves) await merges.moveReportBack(tx, move);
      await merges.unmarkMerged(tx, decision.fromCaseId!, now);
      await merges.resetCaseClock(tx, decision.intoCaseId, now);
      await merges.resetCaseClock(tx, decision.fromCaseId!, now);
      await publishEvent(tx, CASES_SCHEMA, {
        type: 'CasesUnmerged',
        aggregateId: decision.intoCaseId,
        occurredAt: now,
        payload: { intoCaseId: decision.intoCaseId, fromCaseId: decision.fromCaseId, decisionId: decision.id, at: now.toISOString() },
      });
    } else if (decision.kind === 'SPLIT') {
      // The split-off case goes back into the case it came from, as a merge the events already describe.
      await merges.setDecisionState(tx, decision.id, 'UNDONE', { at: now, by: operator.by, reason: operator.reason });
      await audit(tx, now, operator, { action: 'undoMergeDecision', subjectType: 'MergeDecision', subjectId: decision.id, before: { state: 'APPLIED', kind: 'SPLIT' }, after: { state: 'UNDONE' } });
      await mergeInTransaction(tx, deps, {
        intoCaseId: decision.fromCaseId!,
        fromCaseId: decision.intoCaseId,
        score: null,
        signals: { undoes: decision.id },
        automatic: false,
        by: operator.by,
        reason: operator.reason ?? `undo split ${decision.id}`,
      });
      return (await merges.lockDecision(tx, decision.id))!;
    } else {
      throw conflictError(`a ${decision.kind} decision is decided with confirmMerge or rejectMerge`, { kind: decision.kind });
    }
    await merges.setDecisionState(tx, decision.id, 'UNDONE', { at: now, by: operator.by, reason: operator.reason });
    await audit(tx, now, operator, { action: 'undoMergeDecision', subjectType: 'MergeDecision', subjectId: decision.id, before: { state: 'APPLIED', kind: decision.kind }, after: { state: 'UNDONE' } });
    return (await merges.lockDecision(tx, decision.id))!;
  });
}

async function pendingSuggestion(tx: Sql, id: string): Promise<MergeDecisionRecord> {
  const suggestion = await merges.lockDecision(tx, id);
  if (!suggestion || suggestion.kind !== 'SUGGESTION') throw notFoundError('MergeSuggestion', id);
  if (suggestion.state !== 'PENDING') throw conflictError(`suggestion ${id} was already ${suggestion.state}`, { state: suggestion.state });
  return suggestion;
}

function requireCase(cases: Map<string, CaseRecord>, id: string): CaseRecord {
  const record = cases.get(id);
  if (!record) throw notFoundError('Case', id);
  return record;
}
