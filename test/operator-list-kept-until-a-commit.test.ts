import { startHub } from '@huying/gateway';
import { ManualClock, migrate, recordingStatements, testBackends, type RecordedStatement } from '@huying/runtime';
import { publisherInAnotherProcess } from './support/anotherProcess';
import { eventually } from './support/eventually';
import { graphql } from './support/graphql';
import { OPERATOR_LIST } from './support/operatorList';
import { asOperator, testOperators, type TestRole } from './support/operators';
import { askedByQuery, quietServices } from './support/quietHub';
import { readModelCaughtUp } from './support/readModel';

const report = (n: number) => ({
  channel: 'HOTLINE',
  sourceId: `GD-KEPT-${n}`,
  receivedAt: `2026-11-19T0${n}:00:00+08:00`,
  text: `江岸区解放大道${n * 100 + 8}号${['路灯整排不亮', '井盖缺失', '垃圾堆积多日无人清运', '自来水管爆裂一直漏水'][n % 4]}`,
  address: `江岸区解放大道${n * 100 + 8}号`,
});

describe.each(testBackends())('the operator list kept at the gateway on $kind', (backend) => {
  it('is made once per scope until the next commit, and never for a caller who may not read it', async () => {
    const { db, dispose } = await backend.open();
    const statements: RecordedStatement[] = [];
    // the clock stands still: the 5-second window never moves, so only a commit can make the list afresh
    const clock = new ManualClock('2026-11-20T02:00:00Z');
    const hub = await startHub({ operators: testOperators(), db: recordingStatements(db, statements), services: quietServices(), clock });
    try {
      const submit = async (n: number) => {
        const submitted = await graphql(hub.url, 'mutation ($r: [ReportInput!]!) { submitReports(reports: $r) { case { id } } }', { r: [report(n)] }, asOperator('INTAKE:test-system'));
        expect(submitted.errors).toBeUndefined();
      };
      for (const n of [1, 2]) await submit(n);
      await eventually(() => readModelCaughtUp(db), 'every case placed and dispatched', 60_000);

      const list = async (role?: TestRole) => {
        statements.length = 0;
        const answer = await graphql<{ cases: { totalCount: number } }>(hub.url, OPERATOR_LIST, { first: 50 }, role ? asOperator(role) : {});
        return { answer, statements: askedByQuery(statements).length };
      };
      const first = await list('COMMAND_CENTRE');
      expect(first.answer.data!.cases.totalCount).toBe(2);
      expect(first.statements).toBeGreaterThan(0);
      // Once the services' own work on the reports has settled (a commit moves the key), the list asked again
      // is the one kept, without a statement.
      const kept = await eventually(async () => {
        const made = await list('COMMAND_CENTRE');
        const again = await list('COMMAND_CENTRE');
        return again.statements === 0 && { made, again };
      }, 'the list served as kept', 30_000);
      expect(kept.again.answer.data).toEqual(kept.made.answer.data);
      expect(kept.again.answer.data!.cases.totalCount).toBe(2);
      // a supervisor's scope is its own: made for it, not handed the command centre's
      expect((await list('SUPERVISOR')).statements).toBeGreaterThan(0);
      // a caller who may not read cases is refused, not served what was kept
      const anonymous = await list();
      expect(anonymous.answer.data?.cases ?? null).toBeNull();
      expect(anonymous.answer.errors?.length).toBeGreaterThan(0);
      const citizen = await list('CITIZEN');
      expect(citizen.answer.data?.cases ?? null).toBeNull();

      // a new report is a commit: the next list holds it at once
      await submit(3);
      const after = await list('COMMAND_CENTRE');
      expect(after.answer.data!.cases.totalCount).toBe(3);
      expect(after.statements).toBeGreaterThan(0);
    } finally {
      await hub.close();
      await dispose();
    }
  });
});

// LISTEN/NOTIFY crosses processes only on a server (PGlite lives in one process); CI always sets one.
const servers = testBackends().filter((backend) => backend.kind === 'postgres');
(servers.length ? describe.each(servers) : describe.skip.each([{ kind: 'postgres' }]))('a hub on $kind', (backend) => {
  it('makes its kept list afresh after a commit in another process, heard through the outbox’s notifications', async () => {
    const { db, url, dispose } = await (backend as ReturnType<typeof testBackends>[number]).open();
    const statements: RecordedStatement[] = [];
    // the clock stands still, so no window ends: only the relayed commit can move the hub's key
    const hub = await startHub({ operators: testOperators(), db: recordingStatements(db, statements), services: quietServices(), clock: new ManualClock('2026-11-20T02:00:00Z') });
    try {
      await migrate(db, 'kept_list_elsewhere', []);
      const listStatements = async () => {
        statements.length = 0;
        expect((await graphql(hub.url, OPERATOR_LIST, { first: 50 }, asOperator('COMMAND_CENTRE'))).errors).toBeUndefined();
        return askedByQuery(statements).length;
      };
      const publisher = await publisherInAnotherProcess(url!, 'kept_list_elsewhere', 'commit-1');
      expect(await listStatements()).toBeGreaterThan(0);
      const keptAt = Date.now();
      expect(await listStatements()).toBe(0);
      await publisher.publish();
      await eventually(async () => (await listStatements()) > 0, 'the list made afresh after the other process’s commit', 10_000);
      // A kept answer also lapses with its max-age (5 s): heard, the commit moved the key well before that.
      expect(Date.now() - keptAt).toBeLessThan(4_000);
    } finally {
      await hub.close();
      await dispose();
    }
  });
});
