import { testBackends } from '@huying/runtime';
import { graphql } from './support/graphql';
import { startTestHub, type HubUnderTest } from './support/hub';
import { asOperator } from './support/operators';

// A command-centre seat: it takes calls in and reads the case record.
const COMMAND_CENTRE = asOperator('COMMAND_CENTRE');

const SUBMIT = `mutation($r: [ReportInput!]!) { submitReports(reports: $r) { outcome case { id } report { id } } }`;
const CASE = `query($id: ID!) {
  case(id: $id) {
    id status createdAt channels reportCount reporters
    reports { sourceId channel }
    mergeHistory { id kind outcome state automatic score decidedBy report { sourceId } signals { text place category sharedLetters } undoneBy undoReason }
  }
}`;

// One missing manhole cover: a citizen calls 12345, then a 数字城管 inspector files it with GPS, then
// someone posts it on the message board; a fourth report is the same complaint at another house number.
const reports = [
  { channel: 'HOTLINE', sourceId: 'RX-1', receivedAt: '2026-11-20T08:10:00+08:00', text: '解放大道1234号门口井盖缺失，晚上很危险', address: '江岸区解放大道1234号', contact: '13900000001' },
  { channel: 'URBAN_MANAGEMENT', sourceId: 'UM-77', receivedAt: '2026-11-20T09:30:00+08:00', text: '解放大道1234号门口的井盖缺失了，没有任何警示', address: '江岸区解放大道1234号', location: { lng: 114.2982, lat: 30.6126 } },
  { channel: 'MESSAGE_BOARD', sourceId: 'MB-5', receivedAt: '2026-11-20T10:05:00+08:00', title: '井盖缺失', text: '江岸区解放大道1234号门口井盖缺失好久了，晚上很危险', contact: 'U0001196' },
  { channel: 'HOTLINE', sourceId: 'RX-2', receivedAt: '2026-11-20T10:20:00+08:00', text: '解放大道88号门口井盖缺失，晚上很危险', address: '江岸区解放大道88号', contact: '13900000002' },
];

describe.each(testBackends())('cross-channel merge through the gateway on $kind', (backend) => {
  let under: HubUnderTest;
  beforeAll(async () => (under = await startTestHub(backend)));
  afterAll(() => under.stop());

  it('merges one issue from three channels into one case, keeps another address apart, and undoes a merge', async () => {
    const taken = await graphql(under.hub.url, SUBMIT, { r: reports }, COMMAND_CENTRE);
    expect(taken.errors).toBeUndefined();
    const outcomes = taken.data!.submitReports;
    expect(outcomes.map((item: any) => item.outcome)).toEqual(['NEW_CASE', 'MERGED', 'MERGED', 'NEW_CASE']);
    const caseId = outcomes[0].case.id;
    expect(outcomes[1].case.id).toBe(caseId);
    expect(outcomes[2].case.id).toBe(caseId);
    expect(outcomes[3].case.id).not.toBe(caseId);

    const merged: any = await graphql(under.hub.url, CASE, { id: caseId }, COMMAND_CENTRE);
    const record = merged.data.case;
    expect(record.channels.sort()).toEqual(['HOTLINE', 'MESSAGE_BOARD', 'URBAN_MANAGEMENT']);
    expect(record.reportCount).toBe(3);
    expect(record.reporters).toBe(3);
    // The clock stays at the first call, not the later reports.
    expect(record.createdAt).toBe('2026-11-20T00:10:00.000Z');
    const attaches = record.mergeHistory.filter((decision: any) => decision.kind === 'ATTACH');
    expect(attaches).toHaveLength(2);
    expect(attaches[0]).toMatchObject({ outcome: 'MERGED', state: 'APPLIED', automatic: true, signals: { place: 'SAME' } });
    // The operator sees what the letters both texts use weighed (a number, 0 where none is weighed).
    expect(attaches.every((decision: any) => typeof decision.signals.sharedLetters === 'number')).toBe(true);

    // An operator decides the message-board post was about something else: undo that merge.
    const postDecision = attaches.find((decision: any) => decision.report.sourceId === 'MB-5')!;
    const undo: any = await graphql(
      under.hub.url,
      'mutation($id: ID!) { undoMergeDecision(decisionId: $id, reason: "不是同一个井盖") { state undoneBy undoReason } }',
      { id: postDecision.id },
      COMMAND_CENTRE,
    );
    expect(undo.errors).toBeUndefined();
    expect(undo.data.undoMergeDecision).toMatchObject({ state: 'UNDONE', undoneBy: 'COMMAND_CENTRE', undoReason: '不是同一个井盖' });
    const after: any = await graphql(under.hub.url, CASE, { id: caseId }, COMMAND_CENTRE);
    expect(after.data.case.reportCount).toBe(2);
    expect(after.data.case.mergeHistory.find((decision: any) => decision.id === postDecision.id).state).toBe('UNDONE');

    // …and merge the other address's case by hand; then the review queue is empty and the merge is recorded.
    const manual: any = await graphql(
      under.hub.url,
      'mutation($into: ID!, $from: ID!) { mergeCases(into: $into, from: $from, reason: "现场核实为同一处") { kind state automatic from { status } } }',
      { into: caseId, from: outcomes[3].case.id },
      COMMAND_CENTRE,
    );
    expect(manual.errors).toBeUndefined();
    expect(manual.data.mergeCases).toMatchObject({ kind: 'MERGE', state: 'APPLIED', automatic: false, from: { status: 'MERGED' } });
    const refused: any = await graphql(under.hub.url, 'mutation($id: ID!) { splitReport(reportId: $id, reason: " ") { id } }', { id: outcomes[0].report.id }, COMMAND_CENTRE);
    expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
