import { testBackends } from '@huying/runtime';
import { eventually } from './support/eventually';
import { graphql } from './support/graphql';
import { startTestHub, type HubUnderTest } from './support/hub';
import { asOperator } from './support/operators';

const SUBMIT = `mutation($r: [ReportInput!]!) { submitReports(reports: $r) { case { id } } }`;
const AUDIT = `query($s: ID) { auditLog(subjectId: $s) { nodes { service action subjectType subjectId actor before after reason at } } }`;
// Two issues far apart, so the duplicate filter keeps them in two cases.
const reports = [
  { channel: 'HOTLINE', sourceId: 'AU-1', receivedAt: '2026-11-20T09:00:00+08:00', text: '台北路18号门口井盖缺失', address: '江岸区台北路18号' },
  { channel: 'GRID', sourceId: 'AU-2', receivedAt: '2026-11-20T09:05:00+08:00', text: '解放大道1000号路灯不亮', address: '江岸区解放大道1000号' },
];

describe.each(testBackends())('the audit log through the gateway on $kind', (backend) => {
  let under: HubUnderTest;
  beforeAll(async () => (under = await startTestHub(backend)));
  afterAll(() => under.stop());

  it('keeps who merged, undid and issued a key, with before and after, for ADMIN only', async () => {
    const submitted = await graphql(under.hub.url, SUBMIT, { r: reports }, asOperator('INTAKE:test-system'));
    const [into, from] = submitted.data!.submitReports.map((result: { case: { id: string } }) => result.case.id);
    const merged = await graphql(under.hub.url, `mutation($i: ID!, $f: ID!) { mergeCases(into: $i, from: $f, reason: "同一处") { id } }`, { i: into, f: from }, asOperator('COMMAND_CENTRE'));
    await graphql(under.hub.url, `mutation($d: ID!) { undoMergeDecision(decisionId: $d, reason: "并错了") { id } }`, { d: merged.data!.mergeCases.id }, asOperator('COMMAND_CENTRE'));
    await graphql(under.hub.url, `mutation { issueDepartmentKey(departmentId: "jiangan-water") { key } }`, {}, asOperator('ADMIN'));

    const ofCase = await eventually(async () => {
      const answer = await graphql(under.hub.url, AUDIT, { s: from }, asOperator('ADMIN'));
      return answer.data?.auditLog.nodes.length ? answer.data.auditLog.nodes : null;
    }, 'the merge in the audit log');
    expect(ofCase).toEqual([
      expect.objectContaining({
        service: 'cases', action: 'mergeCases', subjectType: 'Case', actor: 'COMMAND_CENTRE', reason: '同一处',
        before: expect.objectContaining({ mergedInto: null }), after: expect.objectContaining({ status: 'MERGED', mergedInto: into }),
      }),
    ]);
    const all = await eventually(async () => {
      const nodes = (await graphql(under.hub.url, AUDIT, {}, asOperator('ADMIN'))).data?.auditLog.nodes as { action: string; actor: string }[] | undefined;
      return nodes?.some((entry) => entry.action === 'issueDepartmentKey') && nodes?.some((entry) => entry.action === 'undoMergeDecision') && nodes;
    }, 'the undo and the key in the audit log');
    expect(all.find((entry) => entry.action === 'undoMergeDecision')).toMatchObject({ actor: 'COMMAND_CENTRE' });
    expect(all.find((entry) => entry.action === 'issueDepartmentKey')).toMatchObject({ actor: 'role:ADMIN', subjectId: 'jiangan-water' });
    expect(JSON.stringify(all)).not.toMatch(/hy_jiangan/);

    const refused = await graphql(under.hub.url, AUDIT, {}, asOperator('COMMAND_CENTRE'));
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    // Two waits of up to 60 s each (eventually's limit): a slow one fails with what it waited for, not jest's timeout.
  }, 150_000);
});
