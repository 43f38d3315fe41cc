import { ManualClock, migrate, migrationsFromDir, outboxFeed, testBackends, type Database } from '@huying/runtime';
import { distanceMeters, fromWgs84 } from '@huying/schema';
import { join } from 'node:path';
import { oneCasePerReport } from './dedup';
import { CASES_SCHEMA, REPORTS_PER_TRANSACTION, submitReports, type IntakeDeps } from './intake';

const report = (patch: Record<string, unknown> = {}) => ({
  channel: 'HOTLINE',
  sourceId: 'T-100',
  receivedAt: new Date('2026-11-20T01:00:00Z'),
  title: null,
  text: '幸福小区3栋楼道灯坏了一个星期，晚上上下楼很不安全',
  address: '江岸区幸福小区3栋',
  contact: '13812345678',
  ...patch,
});

describe.each(testBackends())('intake on $kind', (backend) => {
  let db: Database;
  let dispose: () => Promise<void>;
  let deps: IntakeDeps;
  const clock = new ManualClock('2026-11-20T02:00:00Z');

  beforeAll(async () => {
    ({ db, dispose } = await backend.open());
    await migrate(db, CASES_SCHEMA, migrationsFromDir(join(__dirname, '..', 'migrations')));
  });
  beforeEach(async () => {
    await db.query('TRUNCATE cases.report, cases.case, cases.outbox, cases.merge_decision CASCADE');
    clock.set('2026-11-20T02:00:00Z');
    deps = { db, clock, matcher: oneCasePerReport, contactKey: 'test-key' };
  });
  afterAll(() => dispose());

  it('opens a case for a new report, with a title, a category and the case clock at the report time', async () => {
    const [result] = await submitReports(deps, [report()]);
    expect(result).toMatchObject({ ok: true, outcome: 'NEW_CASE' });
    if (!result?.ok) return;
    expect(result.case.title).toBe('幸福小区3栋楼道灯坏了一个星期，晚上上下楼很不安全');
    expect(result.case.categoryCode).toBe('0501');
    expect(result.case.createdAt.toISOString()).toBe('2026-11-20T01:00:00.000Z');
    expect(result.report.caseId).toBe(result.case.id);
  });

  it('writes a new report and the case it opens in one statement (the outbox is appended at commit)', async () => {
    const statements: string[] = [];
    const counting: IntakeDeps = {
      ...deps,
      db: { ...db, transaction: (work, options) => db.transaction((tx) => work({ ...tx, query: (text, params) => (statements.push(text), tx.query(text, params)) }), options) },
    };
    const [result] = await submitReports(counting, [report()]);
    if (!result?.ok) throw new Error('refused');
    // Besides the matcher's lookup of the same record: one statement writes both rows.
    const writes = statements.filter((text) => /INSERT INTO cases\./.test(text));
    expect(writes).toHaveLength(1);
    expect(writes[0]).toMatch(/INSERT INTO cases\.report/);
    expect(writes[0]).toMatch(/INSERT INTO cases\.case/);
    const [stored] = await db.query<{ id: string; title: string; category_code: string }>('SELECT id, title, category_code FROM cases.case');
    expect(stored).toEqual({ id: result.case.id, title: result.case.title, category_code: result.case.categoryCode });
    expect(result.case.status).toBe('RECEIVED');
  });

  it('updates the same (channel, sourceId) in place: one report, same case, revision 2', async () => {
    const [first] = await submitReports(deps, [report()]);
    const [again] = await submitReports(deps, [report({ text: '楼道灯还是没修，已经十天了' })]);
    expect(again).toMatchObject({ ok: true, outcome: 'UPDATED' });
    if (!first?.ok || !again?.ok) return;
    expect(again.case.id).toBe(first.case.id);
    expect(again.report.id).toBe(first.report.id);
    expect(again.report.revision).toBe(2);
    const rows = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM cases.report');
    expect(rows[0]?.n).toBe(1);
  });

  it('never stores the phone number in clear, only a keyed hash and a mask', async () => {
    await submitReports(deps, [report()]);
    const [row] = await db.query<Record<string, unknown>>('SELECT * FROM cases.report');
    expect(JSON.stringify(row)).not.toContain('13812345678');
    expect(row?.contact_masked).toBe('138****5678');
    expect(row?.contact_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('stores a BD-09 point as the WGS-84 point it stands for', async () => {
    const wgs = { lng: 114.2938, lat: 30.5817 };
    const bd = fromWgs84(wgs, 'BD09');
    const [result] = await submitReports(deps, [report({ location: { ...bd, crs: 'BD09' } })]);
    if (!result?.ok) throw new Error('not taken');
    expect(distanceMeters(result.report.location!, wgs)).toBeLessThan(2);
  });

  it('takes the good reports of a batch and refuses the bad ones, leaving nothing of them behind', async () => {
    const results = await submitReports(deps, [
      report({ sourceId: 'A' }),
      report({ sourceId: 'B', text: '' }),
      report({ sourceId: 'C', location: { lng: 114, lat: 123 } }),
      report({ sourceId: 'D' }),
    ]);
    expect(results.map((result) => result.ok)).toEqual([true, false, false, true]);
    expect(results[1]).toEqual({ ok: false, issues: [{ field: 'text', reason: 'must not be empty' }] });
    const stored = await db.query<{ source_id: string }>('SELECT source_id FROM cases.report ORDER BY source_id');
    expect(stored.map((row) => row.source_id)).toEqual(['A', 'D']);
    expect((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM cases.case'))[0]?.n).toBe(2);
  });

  it('publishes CaseOpened and ReportAttached with the change, and ReportUpdated on an update', async () => {
    await submitReports(deps, [report()]);
    await submitReports(deps, [report({ text: '更新' })]);
    const events = await outboxFeed(db, CASES_SCHEMA).read(0, 10);
    expect(events.map((event) => event.type)).toEqual(['CaseOpened', 'ReportAttached', 'ReportUpdated']);
    expect(events[1]?.payload).toMatchObject({ outcome: 'NEW_CASE', channel: 'HOTLINE', contactMasked: '138****5678' });
    expect(JSON.stringify(events)).not.toContain('13812345678');
  });

  // The matcher is intake's seam: these scripted answers check what intake does with each outcome.
  const answering = (answer: Awaited<ReturnType<IntakeDeps['matcher']['match']>>): IntakeDeps => ({ ...deps, matcher: { match: async () => answer } });
  const decisionsAbout = (reportId: string) =>
    db.query<{ kind: string; outcome: string | null; state: string; into_case_id: string; from_case_id: string | null; score: number; signals: unknown }>(
      'SELECT kind, outcome, state, into_case_id, from_case_id, score, signals FROM cases.merge_decision WHERE report_id = $1',
      [reportId],
    );

  it('attaches a MERGED report to the case, touches the case clock and keeps the decision with its evidence', async () => {
    const [first] = await submitReports(deps, [report()]);
    if (!first?.ok) throw new Error('first report refused');
    const joinedAt = clock.advance(3_600_000);
    const signals = { text: 0.9, place: 'SAME_SPOT', category: 1 };
    const [second] = await submitReports(answering({ outcome: 'MERGED', caseId: first.case.id, score: 0.91, signals: signals as never }), [report({ sourceId: 'T-101', channel: 'MESSAGE_BOARD' })]);
    expect(second).toMatchObject({ ok: true, outcome: 'MERGED' });
    if (!second?.ok) return;
    expect(second.case.id).toBe(first.case.id);
    expect(second.report.caseId).toBe(first.case.id);
    expect(second.case.updatedAt.toISOString()).toBe(joinedAt.toISOString());
    expect(first.case.updatedAt.toISOString()).not.toBe(joinedAt.toISOString());
    expect(second.case.createdAt.toISOString()).toBe('2026-11-20T01:00:00.000Z');
    expect(await decisionsAbout(second.report.id)).toEqual([
      { kind: 'ATTACH', outcome: 'MERGED', state: 'APPLIED', into_case_id: first.case.id, from_case_id: null, score: 0.91, signals },
    ]);
    expect((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM cases.case'))[0]?.n).toBe(1);
  });

  it('opens a case for a grey-zone report and queues the pair for an operator', async () => {
    const [first] = await submitReports(deps, [report()]);
    if (!first?.ok) throw new Error('first report refused');
    const [second] = await submitReports(answering({ outcome: 'REVIEW', caseId: first.case.id, score: 0.6 }), [report({ sourceId: 'T-102' })]);
    expect(second).toMatchObject({ ok: true, outcome: 'NEW_CASE' });
    if (!second?.ok) return;
    expect(second.case.id).not.toBe(first.case.id);
    expect(await decisionsAbout(second.report.id)).toEqual([
      { kind: 'SUGGESTION', outcome: null, state: 'PENDING', into_case_id: first.case.id, from_case_id: second.case.id, score: 0.6, signals: null },
    ]);
  });

  it('queues the other cases a report also matches, once per pair of cases, and never a pair an operator told apart', async () => {
    const opened = [];
    for (const sourceId of ['T-110', 'T-111', 'T-112']) {
      const [result] = await submitReports(deps, [report({ sourceId })]);
      if (!result?.ok) throw new Error('report refused');
      opened.push(result.case.id);
    }
    const [first, second, third] = opened as [string, string, string];
    const alsoSuggested = [
      { caseId: second, score: 0.5, signals: {} as never },
      { caseId: third, score: 0.3, signals: {} as never },
    ];
    // The report joins the first case; the two others are queued with it.
    const [joined] = await submitReports(answering({ outcome: 'MERGED', caseId: first, score: 0.9, alsoSuggested }), [report({ sourceId: 'T-113' })]);
    if (!joined?.ok) throw new Error('report refused');
    expect((await decisionsAbout(joined.report.id)).filter((d) => d.kind === 'SUGGESTION').map((d) => [d.from_case_id, d.into_case_id, d.score])).toEqual([
      [first, second, 0.5],
      [first, third, 0.3],
    ]);
    // An operator tells the first and the third apart; the next report that meets all three asks nothing again.
    await db.query("UPDATE cases.merge_decision SET state = 'REJECTED' WHERE from_case_id = $1 AND into_case_id = $2", [first, third]);
    const [again] = await submitReports(answering({ outcome: 'MERGED', caseId: third, score: 0.9, alsoSuggested: [{ caseId: first, score: 0.6, signals: {} as never }] }), [report({ sourceId: 'T-114' })]);
    const [more] = await submitReports(answering({ outcome: 'MERGED', caseId: second, score: 0.9, alsoSuggested: [{ caseId: first, score: 0.6, signals: {} as never }] }), [report({ sourceId: 'T-115' })]);
    if (!again?.ok || !more?.ok) throw new Error('report refused');
    expect(await decisionsAbout(again.report.id)).toHaveLength(1);
    expect(await decisionsAbout(more.report.id)).toHaveLength(1);
    // A repeat is the same person again: it queues nothing.
    const [repeat] = await submitReports(answering({ outcome: 'REPEAT', caseId: second, alsoSuggested: [{ caseId: third, score: 0.6, signals: {} as never }] }), [report({ sourceId: 'T-116' })]);
    if (!repeat?.ok) throw new Error('report refused');
    expect((await decisionsAbout(repeat.report.id)).map((d) => d.kind)).toEqual(['ATTACH']);
  });

  it('rolls a report back whole when storing it fails half-way', async () => {
    const failing: IntakeDeps = {
      ...deps,
      matcher: {
        match: async (tx) => {
          await tx.query("INSERT INTO cases.case (title, created_at, updated_at) VALUES ('half', now(), now())");
          throw new Error('boom');
        },
      },
    };
    await expect(submitReports(failing, [report()])).rejects.toThrow('boom');
    expect((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM cases.case'))[0]?.n).toBe(0);
    expect((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM cases.outbox'))[0]?.n).toBe(0);
  });

  /** `deps` on a database that counts the transactions asked of it. */
  const countingTransactions = (base: IntakeDeps = deps) => {
    const counted = { deps: base, transactions: 0 };
    counted.deps = { ...base, db: { ...db, transaction: (work, options) => (counted.transactions++, db.transaction(work, options)) } };
    return counted;
  };
  const reportCount = async () => (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM cases.report'))[0]!.n;

  it('takes the reports of one call in shared transactions, each seeing the ones before it', async () => {
    const counted = countingTransactions();
    const reports = Array.from({ length: REPORTS_PER_TRANSACTION + 2 }, (_, at) => report({ sourceId: `B-${at}`, text: `幸福小区${at}栋楼道灯坏了` }));
    // The same record again in the same call is an update of the report the call took first.
    reports.push(report({ sourceId: 'B-0', text: '幸福小区0栋楼道灯还是坏的' }));
    const results = await submitReports(counted.deps, reports);
    expect(results.map((result) => (result.ok ? result.outcome : 'REFUSED'))).toEqual([...reports.slice(1).map(() => 'NEW_CASE'), 'UPDATED']);
    const [first, again] = [results[0], results.at(-1)];
    if (!first?.ok || !again?.ok) throw new Error('refused');
    expect(again.report.id).toBe(first.report.id);
    expect(counted.transactions).toBe(2);
    expect(await reportCount()).toBe(REPORTS_PER_TRANSACTION + 2);
  });

  it('takes the reports again one a transaction when their shared one fails, so those before a bad one stay', async () => {
    const failing = countingTransactions({
      ...deps,
      matcher: {
        match: async (tx, fields, now) => {
          if (fields.sourceId === 'F-2') throw new Error('boom');
          return oneCasePerReport.match(tx, fields, now);
        },
      },
    });
    await expect(submitReports(failing.deps, ['F-0', 'F-1', 'F-2', 'F-3'].map((sourceId) => report({ sourceId })))).rejects.toThrow('boom');
    // The shared transaction (rolled back), then F-0, F-1 and F-2 in their own.
    expect(failing.transactions).toBe(4);
    const kept = await db.query<{ source_id: string }>('SELECT source_id FROM cases.report ORDER BY source_id');
    expect(kept.map((row) => row.source_id)).toEqual(['F-0', 'F-1']);
    expect((await db.query<{ n: number }>("SELECT count(*)::int AS n FROM cases.outbox WHERE type = 'CaseOpened'"))[0]?.n).toBe(2);
  });

  if (backend.kind === 'postgres') {
    it('does not queue a shared transaction behind a case another writer holds: its reports go one a transaction', async () => {
      const [first] = await submitReports(deps, [report()]);
      if (!first?.ok) throw new Error('refused');
      const caseId = first.case.id;
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      let locked!: () => void;
      const lockTaken = new Promise<void>((resolve) => (locked = resolve));
      const holder = db.transaction(async (tx) => {
        await tx.query('SELECT id FROM cases.case WHERE id = $1 FOR UPDATE', [caseId]);
        locked();
        await held;
      });
      await lockTaken;
      const told: unknown[] = [];
      const joining = countingTransactions({ ...answering({ outcome: 'MERGED', caseId, score: 0.9 }), log: { info: (fields: unknown) => void told.push(fields) } as IntakeDeps['log'] });
      const taking = submitReports(joining.deps, [report({ sourceId: 'L-1' }), report({ sourceId: 'L-2' })]);
      setTimeout(release, 300);
      const [results] = await Promise.all([taking, holder]);
      expect(results.map((result) => (result.ok ? [result.outcome, result.case.id] : null))).toEqual([
        ['MERGED', caseId],
        ['MERGED', caseId],
      ]);
      // The shared one gave up waiting (and kept nothing); each report then waited its turn in its own.
      expect(joining.transactions).toBe(3);
      expect(await reportCount()).toBe(3);
      expect(told).toEqual([{ reports: 2, code: '55P03' }]);
    });
  }
});
