import { testBackends } from '@huying/runtime';
import { distanceMeters, fromWgs84 } from '@huying/schema';
import { graphql } from './support/graphql';
import { startTestHub, type HubUnderTest } from './support/hub';
import { asOperator } from './support/operators';

// A command-centre seat: it takes calls in and reads the case record.
const COMMAND_CENTRE = asOperator('COMMAND_CENTRE');

const SUBMIT = `mutation Submit($reports: [ReportInput!]!) {
  submitReports(reports: $reports) {
    outcome
    report { id sourceId contact location { lng lat } revision }
    case { id title status channels reportCount }
  }
}`;

const READ = `query Read($id: ID!) {
  case(id: $id) { id title status statusName category { code name } channels reportCount createdAt
                  reports { id channel sourceId text contact location { lng lat } case { id } } }
}`;

describe.each(testBackends())('a report through the gateway on $kind', (backend) => {
  let under: HubUnderTest;
  beforeAll(async () => (under = await startTestHub(backend)));
  afterAll(() => under.stop());

  it('is taken, read back by id, updated in place on re-submit, with its BD-09 point in WGS-84 and its contact masked', async () => {
    const wgs = { lng: 114.3055, lat: 30.5928 };
    const bd09 = fromWgs84(wgs, 'BD09');
    const report = {
      channel: 'HOTLINE',
      sourceId: 'GD-20261120-0001',
      receivedAt: '2026-11-20T09:15:00+08:00',
      text: '黎黄陂路口窨井盖缺失，已经有人差点掉下去',
      address: '江岸区黎黄陂路与胜利街交叉口',
      location: { ...bd09, crs: 'BD09' },
      contact: '13912345678',
    };
    const submitted = await graphql(under.hub.url, SUBMIT, { reports: [report] }, COMMAND_CENTRE);
    expect(submitted.errors).toBeUndefined();
    const [first] = submitted.data!.submitReports;
    expect(first.outcome).toBe('NEW_CASE');
    expect(first.report.contact).toBe('139****5678');
    expect(distanceMeters(first.report.location, wgs)).toBeLessThan(3);

    const read = await graphql(under.hub.url, READ, { id: first.case.id }, COMMAND_CENTRE);
    expect(read.errors).toBeUndefined();
    expect(read.data!.case).toMatchObject({
      id: first.case.id,
      category: { code: '0202', name: '井盖' },
      channels: ['HOTLINE'],
      reportCount: 1,
      createdAt: '2026-11-20T01:15:00.000Z',
    });
    // Dispatch picks the case up within moments, so it is either still 已受理 or already 已派单.
    expect(['RECEIVED', 'DISPATCHED']).toContain(read.data!.case.status);
    expect(read.data!.case.reports[0]).toMatchObject({ sourceId: 'GD-20261120-0001', contact: '139****5678', case: { id: first.case.id } });

    const again = await graphql(under.hub.url, SUBMIT, { reports: [{ ...report, text: '井盖还是没有补上，请尽快处理' }] }, COMMAND_CENTRE);
    const [updated] = again.data!.submitReports;
    expect(updated).toMatchObject({ outcome: 'UPDATED', report: { id: first.report.id, revision: 2 }, case: { id: first.case.id, reportCount: 1 } });
    const reread = await graphql(under.hub.url, READ, { id: first.case.id }, COMMAND_CENTRE);
    expect(reread.data!.case.reports).toHaveLength(1);
    expect(reread.data!.case.reports[0].text).toBe('井盖还是没有补上，请尽快处理');
  });

  it('finds a report by its channel and source id', async () => {
    const found = await graphql(
      under.hub.url,
      'query { report(channel: HOTLINE, sourceId: "GD-20261120-0001") { sourceId case { id } } }', {}, COMMAND_CENTRE
    );
    expect(found.data!.report.sourceId).toBe('GD-20261120-0001');
    const missing = await graphql(under.hub.url, 'query { report(channel: GRID, sourceId: "GD-20261120-0001") { id } }', {}, COMMAND_CENTRE);
    expect(missing.data!.report).toBeNull();
  });
});
