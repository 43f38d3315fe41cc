import { join } from 'node:path';
import { ManualClock, migrate, migrationsFromDir, outboxFeed, testBackends, type Database } from '@huying/runtime';
import { duplicateFilter, MERGE_THRESHOLDS, oneCasePerReport } from './dedup';
import { CASES_SCHEMA, submitReports, type IntakeDeps } from './intake';
import { confirmMerge, mergeCases, rejectMerge, splitReport, undoMergeDecision } from './mergeOperations';
import { countPendingSuggestions, decisionsByCaseIds, insertDecision, pendingSuggestions, reporterCounts } from './mergeStore';
import * as store from './store';
import { manholeReport } from '../test-support/manholeReport.fixture';

describe.each(testBackends())('duplicate filter and merges on $kind', (backend) => {
  let db: Database;
  let dispose: () => Promise<void>;
  let deps: IntakeDeps;
  const clock = new ManualClock('2026-11-20T06:00:00Z');
  const operator = { by: 'DISTRICT_OPERATOR', reason: '核实为同一井盖' };

  beforeEach(async () => {
    ({ db, dispose } = await backend.open());
    await migrate(db, CASES_SCHEMA, migrationsFromDir(join(__dirname, '..', 'migrations')));
    deps = { db, clock, matcher: duplicateFilter, contactKey: 'test-key' };
  });
  afterEach(() => dispose());

  it('merges a cross-channel report into the earlier case, keeps its clock, and undoes it on request', async () => {
    const [first] = await submitReports(deps, [manholeReport({})]);
    const [second] = await submitReports(deps, [
      manholeReport({ channel: 'URBAN_MANAGEMENT', sourceId: 'U-9', receivedAt: '2026-11-20T11:00:00+08:00', text: '解放大道1234号门口的井盖缺失了，没有任何警示', contact: null }),
    ]);
    const [repeat] = await submitReports(deps, [manholeReport({ sourceId: 'H-2', receivedAt: '2026-11-20T15:00:00+08:00', text: '解放大道1234号井盖缺失还没处理' })]);
    const [elsewhere] = await submitReports(deps, [manholeReport({ sourceId: 'H-3', contact: '13800000009', address: '江岸区解放大道88号', text: '解放大道88号门口井盖缺失，晚上很危险' })]);
    if (!first?.ok || !second?.ok || !repeat?.ok || !elsewhere?.ok) throw new Error('intake refused a report');
    expect(second.outcome).toBe('MERGED');
    expect(second.case.id).toBe(first.case.id);
    expect(repeat.outcome).toBe('REPEAT');
    expect(elsewhere.outcome).toBe('NEW_CASE');
    const merged = (await store.casesByIds(db, [first.case.id])).get(first.case.id)!;
    expect(merged.createdAt.toISOString()).toBe('2026-11-20T01:00:00.000Z');
    expect((await reporterCounts(db, [first.case.id])).get(first.case.id)).toBe(2);
    const [attach] = ((await decisionsByCaseIds(db, [first.case.id])).get(first.case.id) ?? []).filter((d) => d.outcome === 'MERGED');
    expect(attach).toMatchObject({ kind: 'ATTACH', automatic: true, state: 'APPLIED' });
    expect(attach!.signals).toMatchObject({ place: 'SAME' });

    const undone = await undoMergeDecision(deps, attach!.id, { by: 'DISTRICT_OPERATOR', reason: '不是同一处' });
    expect(undone).toMatchObject({ state: 'UNDONE', undoneBy: 'DISTRICT_OPERATOR' });
    const report = (await store.reportsByIds(db, [second.report.id])).get(second.report.id)!;
    expect(report.caseId).not.toBe(first.case.id);
    const types = (await outboxFeed(db, CASES_SCHEMA).read(0, 100)).map((event) => event.type);
    expect(types).toContain('ReportSplit');
  });

  it('files and matches a report whose letters lie outside the BMP (𠮷, a name in CJK Extension B)', async () => {
    const text = '𠮷祥小区𠮷老板门口井盖缺失，晚上很危险';
    const [first] = await submitReports(deps, [manholeReport({ sourceId: 'H-20', text, address: null })]);
    const [again] = await submitReports(deps, [manholeReport({ channel: 'MESSAGE_BOARD', sourceId: 'M-20', text, address: null, contact: null })]);
    expect(first).toMatchObject({ ok: true, outcome: 'NEW_CASE' });
    expect(again).toMatchObject({ ok: true, outcome: 'MERGED' });
  });

  it('merges two cases by hand without deleting either, and unmerges them', async () => {
    const [a] = await submitReports(deps, [manholeReport({})]);
    const [b] = await submitReports(deps, [manholeReport({ sourceId: 'G-5', channel: 'GRID', contact: null, address: '江岸区和平小区', text: '和平小区5栋电梯坏了', receivedAt: '2026-11-19T09:00:00+08:00' })]);
    if (!a?.ok || !b?.ok) throw new Error('intake refused a report');
    const decision = await mergeCases(deps, { intoCaseId: a.case.id, fromCaseId: b.case.id, ...operator });
    const cases = await store.casesByIds(db, [a.case.id, b.case.id]);
    expect(cases.get(b.case.id)).toMatchObject({ status: 'MERGED', mergedInto: a.case.id });
    // The merged case's clock is its first report's: the grid report came a day earlier.
    expect(cases.get(a.case.id)!.createdAt.toISOString()).toBe('2026-11-19T01:00:00.000Z');
    expect((await store.reportsByCaseIds(db, [a.case.id])).get(a.case.id)).toHaveLength(2);
    await expect(mergeCases(deps, { intoCaseId: a.case.id, fromCaseId: b.case.id, ...operator })).rejects.toMatchObject({ extensions: { code: 'CONFLICT' } });

    await undoMergeDecision(deps, decision.id, operator);
    const after = await store.casesByIds(db, [a.case.id, b.case.id]);
    expect(after.get(b.case.id)).toMatchObject({ status: 'RECEIVED', mergedInto: null });
    expect(after.get(a.case.id)!.createdAt.toISOString()).toBe('2026-11-20T01:00:00.000Z');
    await expect(splitReport(deps, a.report.id, operator)).rejects.toMatchObject({ extensions: { code: 'CONFLICT' } });
  });

  it('refuses to undo a merge whose report a later split moved on, so no case comes back empty; undone in order, both are', async () => {
    const [a] = await submitReports(deps, [manholeReport({})]);
    const [b] = await submitReports(deps, [manholeReport({ sourceId: 'G-6', channel: 'GRID', contact: null, address: '江岸区和平小区', text: '和平小区6栋电梯坏了', receivedAt: '2026-11-20T09:30:00+08:00' })]);
    if (!a?.ok || !b?.ok) throw new Error('intake refused a report');
    const merge = await mergeCases(deps, { intoCaseId: a.case.id, fromCaseId: b.case.id, ...operator });
    const split = await splitReport(deps, b.report.id, operator);

    await expect(undoMergeDecision(deps, merge.id, operator)).rejects.toMatchObject({ extensions: { code: 'CONFLICT', reportId: b.report.id } });
    // Nothing moved: the merged-away case stays merged (no empty case, no event that would reopen its assignment).
    expect((await store.casesByIds(db, [b.case.id])).get(b.case.id)).toMatchObject({ status: 'MERGED', mergedInto: a.case.id });
    const events = (await outboxFeed(db, CASES_SCHEMA).read(0, 100)).map((event) => event.type);
    expect(events).not.toContain('CasesUnmerged');

    await undoMergeDecision(deps, split.id, operator);
    await undoMergeDecision(deps, merge.id, operator);
    const reports = await store.reportsByCaseIds(db, [a.case.id, b.case.id]);
    expect(reports.get(b.case.id)!.map((report) => report.id)).toEqual([b.report.id]);
    expect(reports.get(a.case.id)!.map((report) => report.id)).toEqual([a.report.id]);
  });

  it('queues a close call for an operator, who confirms one and rejects another', async () => {
    const post = (sourceId: string, text: string, contact: string, at: string) => ({ channel: 'MESSAGE_BOARD', sourceId, receivedAt: at, text, contact });
    const [first] = await submitReports(deps, [post('M-1', '伊景园滨河苑开发商捆绑销售车位', 'U-11', '2026-11-10T08:00:00+08:00')]);
    const [second] = await submitReports(deps, [post('M-2', '滨河苑业主被强制购买车位，不买不给交房', 'U-12', '2026-11-20T09:00:00+08:00')]);
    if (!first?.ok || !second?.ok) throw new Error('intake refused a report');
    // The grey zone opens a case of its own and queues the pair; nothing is merged yet.
    expect(second.outcome).toBe('NEW_CASE');
    expect(second.case.id).not.toBe(first.case.id);
    const [suggestion] = await pendingSuggestions(db, 10, null);
    expect(suggestion).toMatchObject({ kind: 'SUGGESTION', state: 'PENDING', intoCaseId: first.case.id, fromCaseId: second.case.id });
    expect(suggestion!.score).toBeGreaterThanOrEqual(MERGE_THRESHOLDS.reviewAt);
    expect(suggestion!.score).toBeLessThan(MERGE_THRESHOLDS.mergeAt);

    const merge = await confirmMerge(deps, suggestion!.id, operator);
    expect(merge).toMatchObject({ kind: 'MERGE', intoCaseId: first.case.id, fromCaseId: second.case.id, automatic: false });
    expect(await countPendingSuggestions(db)).toBe(0);
    await expect(confirmMerge(deps, suggestion!.id, operator)).rejects.toMatchObject({ extensions: { code: 'CONFLICT' } });
    expect((await store.reportsByCaseIds(db, [first.case.id])).get(first.case.id)).toHaveLength(2);

    const [other] = await submitReports(deps, [post('M-3', '丽发新城小区附近搅拌站噪音扰民', 'U-13', '2026-11-20T10:00:00+08:00')]);
    const [otherAgain] = await submitReports(deps, [post('M-4', '丽发新城旁边的搅拌厂日夜生产，粉尘和噪音严重', 'U-14', '2026-12-05T11:00:00+08:00')]);
    if (!other?.ok || !otherAgain?.ok) throw new Error('intake refused a report');
    const [queued] = await pendingSuggestions(db, 10, null);
    expect(queued).toMatchObject({ intoCaseId: other.case.id, fromCaseId: otherAgain.case.id });
    const rejected = await rejectMerge(deps, queued!.id, { by: 'DISTRICT_OPERATOR', reason: '搅拌厂不是同一家' });
    expect(rejected).toMatchObject({ state: 'REJECTED', decidedBy: 'DISTRICT_OPERATOR' });
    expect(await countPendingSuggestions(db)).toBe(0);
    const apart = await store.casesByIds(db, [other.case.id, otherAgain.case.id]);
    expect(apart.get(otherAgain.case.id)!.status).toBe('RECEIVED');
  });

  it('confirms a suggestion whose case was merged since into the case it is now part of, and two cases already one as they are', async () => {
    const opened = [];
    for (const [sourceId, text] of [['R-1', '龙津河黑臭，气味难闻'], ['R-2', '龙津内河臭气熏天'], ['R-3', '龙津河又发臭了']]) {
      const [result] = await submitReports({ ...deps, matcher: oneCasePerReport }, [{ channel: 'MESSAGE_BOARD', sourceId, receivedAt: '2026-11-20T08:00:00+08:00', text }]);
      if (!result?.ok) throw new Error('intake refused a report');
      opened.push(result.case.id);
    }
    const [a, b, n] = opened as [string, string, string];
    // One report's case queued with two earlier cases of the same river, and those two with each other.
    const suggest = (intoCaseId: string, fromCaseId: string) =>
      insertDecision(db, { kind: 'SUGGESTION', outcome: null, state: 'PENDING', intoCaseId, fromCaseId, reportId: null, score: 0.5, signals: null, automatic: true, decidedBy: null, reason: null, decidedAt: clock.now() });
    const [nIntoA, nIntoB, bIntoA] = [await suggest(a, n), await suggest(b, n), await suggest(a, b)];

    await confirmMerge(deps, nIntoA.id, operator);
    // n is merged into a now: its suggestion with b merges a and b.
    const second = await confirmMerge(deps, nIntoB.id, operator);
    expect(second).toMatchObject({ kind: 'MERGE', intoCaseId: b, fromCaseId: a });
    const cases = await store.casesByIds(db, [a, b, n]);
    expect([cases.get(a)!.status, cases.get(n)!.status, cases.get(b)!.status]).toEqual(['MERGED', 'MERGED', 'RECEIVED']);
    expect((await store.reportsByCaseIds(db, [b])).get(b)).toHaveLength(3);
    // a and b are one case already: confirming their suggestion merges nothing and empties the queue.
    const third = await confirmMerge(deps, bIntoA.id, operator);
    expect(third).toMatchObject({ kind: 'SUGGESTION', state: 'CONFIRMED' });
    expect(await countPendingSuggestions(db)).toBe(0);
    expect((await db.query<{ n: number }>("SELECT count(*)::int AS n FROM cases.merge_decision WHERE kind = 'MERGE'"))[0]?.n).toBe(2);
  });
});
