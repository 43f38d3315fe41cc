import { startHub } from '@huying/gateway';
import { recordingStatements, testBackends, type RecordedStatement } from '@huying/runtime';
import { eventually } from './support/eventually';
import { graphql } from './support/graphql';
import { OPERATOR_LIST } from './support/operatorList';
import { asOperator, testOperators } from './support/operators';
import { askedByQuery, quietServices } from './support/quietHub';
import { readModelCaughtUp } from './support/readModel';

const ROADS = ['二七路', '解放大道', '中山大道', '黄浦大街', '沿江大道'];
const PROBLEMS = ['下水道堵塞，路面大面积积水', '路灯整排不亮，晚上很黑', '井盖缺失，行人容易掉下去', '垃圾堆积多日无人清运', '夜间施工噪音扰民', '大树倒伏挡住人行道', '车辆乱停占用盲道', '自来水管爆裂一直漏水'];

describe.each(testBackends())('the operator list on $kind', (backend) => {
  it('costs the same statements for 3 cases as for 30: every case’s handling and ratings are read in batches', async () => {
    const { db, dispose } = await backend.open();
    const statements: RecordedStatement[] = [];
    // no scheduled sweeps: only the query and the feeds' polling reach the database while it is counted
    const hub = await startHub({ operators: testOperators(), db: recordingStatements(db, statements), services: quietServices() });
    try {
      const reports = ROADS.flatMap((road, roadIndex) =>
        PROBLEMS.map((problem, problemIndex) => ({
          channel: 'HOTLINE',
          sourceId: `GD-LIST-${roadIndex}-${problemIndex}`,
          receivedAt: `2026-11-20T${String(8 + roadIndex).padStart(2, '0')}:${String(problemIndex * 7).padStart(2, '0')}:00+08:00`,
          text: `江岸区${road}${problemIndex * 100 + 8}号附近${problem}`,
          address: `江岸区${road}${problemIndex * 100 + 8}号`,
        })),
      );
      const submitted = await graphql(hub.url, `mutation ($reports: [ReportInput!]!) { submitReports(reports: $reports) { case { id } } }`, { reports }, asOperator('INTAKE:test-system'));
      expect(submitted.errors).toBeUndefined();
      await eventually(() => readModelCaughtUp(db), 'every case placed and dispatched', 60_000);

      const count = async (first: number) => {
        statements.length = 0;
        const answer = await graphql<{ cases: { totalCount: number; edges: { node: { currentAssignment: { department: { name: string } } | null } }[] } }>(
          hub.url,
          OPERATOR_LIST,
          { first },
          asOperator('COMMAND_CENTRE'),
        );
        expect(answer.errors).toBeUndefined();
        const asked = askedByQuery(statements);
        return { cases: answer.data!.cases.edges, statements: asked.length };
      };
      const few = await count(3);
      const many = await count(30);
      expect(few.cases).toHaveLength(3);
      expect(many.cases).toHaveLength(30);
      // the list shows real handling: each case is with a department
      expect(many.cases.filter((edge) => edge.node.currentAssignment?.department.name).length).toBeGreaterThanOrEqual(25);
      expect(many.statements).toBe(few.statements);
      // the page and its count, its reports, then one statement per kind of row each other service adds
      expect(many.statements).toBeLessThanOrEqual(8);
    } finally {
      await hub.close();
      await dispose();
    }
  });
});
