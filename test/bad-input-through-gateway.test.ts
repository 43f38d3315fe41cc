import { testBackends } from '@huying/runtime';
import { graphql } from './support/graphql';
import { startTestHub, type HubUnderTest } from './support/hub';

const SUBMIT = `mutation($r: [ReportInput!]!) { submitReports(reports: $r) { outcome report { sourceId } } }`;
// Distinct issues at distinct places, so the duplicate filter keeps each in a case of its own.
const good = (sourceId: string) => ({
  channel: 'GRID',
  sourceId,
  receivedAt: '2026-11-20T10:00:00+08:00',
  text: `${sourceId}号楼门口有人占道经营`,
  address: `江岸区台北路${[...sourceId].reduce((sum, ch) => sum + ch.charCodeAt(0), 0)}号`,
});

describe.each(testBackends())('bad reports through the gateway on $kind', (backend) => {
  let under: HubUnderTest;
  beforeAll(async () => (under = await startTestHub(backend)));
  afterAll(() => under.stop());

  it('names the field and reason of each refused report and still takes the others', async () => {
    const result = await graphql(under.hub.url, SUBMIT, {
      r: [
        good('ok-1'),
        { ...good('bad-text'), text: ' ' },
        { ...good('bad-place'), location: { lng: 114.3, lat: -91 } },
        { ...good('too-long'), text: '扰'.repeat(10_001) },
        good('ok-2'),
      ],
    });
    expect(result.data!.submitReports.map((item: any) => item?.report.sourceId ?? null)).toEqual(['ok-1', null, null, null, 'ok-2']);
    const byIndex = Object.fromEntries(result.errors!.map((error) => [error.path?.[1], error.extensions]));
    expect(byIndex[1]).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reports[1].text' });
    expect(byIndex[2]).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reports[2].location.lat' });
    expect(byIndex[3]).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reports[3].text' });
    for (const [sourceId, taken] of [['ok-1', true], ['bad-text', false], ['bad-place', false], ['too-long', false], ['ok-2', true]] as const) {
      const found = await graphql(under.hub.url, `query { report(channel: GRID, sourceId: "${sourceId}") { id } }`);
      expect(found.data!.report !== null).toBe(taken);
    }
  });

  it.each([
    [{ channel: 'FAX' }, 'channel'],
    [{ receivedAt: '2026-13-45T99:00:00+08:00' }, 'receivedAt'],
  ])('refuses a value of the wrong type (%j) before anything is written, naming the field', async (patch, field) => {
    const result = await graphql(under.hub.url, SUBMIT, { r: [good('typed-1'), { ...good('typed-2'), ...patch }] });
    expect(result.data?.submitReports ?? null).toBeNull();
    expect(result.errors?.[0]?.message).toContain(field);
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const found = await graphql(under.hub.url, 'query { report(channel: GRID, sourceId: "typed-1") { id } }');
    expect(found.data!.report).toBeNull();
  });
});
