import { testBackends } from '@huying/runtime';
import { eventually } from './support/eventually';
import { graphql } from './support/graphql';
import { startTestHub, type HubUnderTest } from './support/hub';
import { asOperator } from './support/operators';
import { apiKeyOf, open311 } from './support/open311';

const COMMAND_CENTRE = asOperator('COMMAND_CENTRE');
const API_KEY = apiKeyOf(asOperator('INTAKE:test-system'));

const SUBMIT = `mutation($r: [ReportInput!]!) { submitReports(reports: $r) { outcome case { id } } }`;
const CASE = `query($id: ID!) { case(id: $id) { reportCount channels reports { channel sourceId } } }`;

describe.each(testBackends())('an Open311 request on $kind', (backend) => {
  let under: HubUnderTest;
  beforeAll(async () => (under = await startTestHub(backend)));
  afterAll(() => under.stop());

  it('about the hotline\'s missing manhole cover joins its case, and is read back by id, by date range and by token', async () => {
    const calledAt = new Date(Date.now() - 4 * 60_000);
    const call = await graphql(
      under.hub.url,
      SUBMIT,
      {
        r: [
          {
            channel: 'HOTLINE',
            sourceId: 'RX-311',
            receivedAt: calledAt.toISOString(),
            text: '解放大道1234号门口井盖缺失，晚上很危险',
            address: '江岸区解放大道1234号',
            location: { lng: 114.2982, lat: 30.6126 },
            contact: '13900000311',
          },
        ],
      },
      COMMAND_CENTRE,
    );
    const hotlineCase: string = call.data!.submitReports[0].case.id;

    // A citizen's app, 15 m away and in other words.
    const posted = await open311(under.hub.gateway.base, 'POST', 'requests.json', {
      api_key: API_KEY,
      service_code: '0202',
      lat: '30.61262',
      long: '114.29835',
      address_string: '江岸区解放大道1234号',
      description: '解放大道1234号门口的井盖丢了，晚上走路很危险',
    });
    expect(posted.status).toBe(201);
    const [answer] = posted.json();
    expect(answer.service_request_id).toBe(hotlineCase);
    expect(answer.service_notice).toMatch(/合并办理.*共 2 件/);

    const record = await graphql(under.hub.url, CASE, { id: hotlineCase }, COMMAND_CENTRE);
    expect(record.data!.case).toMatchObject({ reportCount: 2 });
    expect(record.data!.case.channels.sort()).toEqual(['HOTLINE', 'OPEN311']);
    expect(record.data!.case.reports.find((report: any) => report.channel === 'OPEN311').sourceId).toBe(answer.token);

    // By id: the hotline's case, open, and once dispatch has placed it, with its department and deadline.
    const byId = await eventually(async () => {
      const [request] = (await open311(under.hub.gateway.base, 'GET', `requests/${hotlineCase}.json`, { api_key: API_KEY })).json();
      return request.agency_responsible && request.expected_datetime ? request : null;
    }, 'the request to show its department and deadline');
    expect(byId).toMatchObject({ service_request_id: hotlineCase, status: 'open', service_code: expect.stringMatching(/^02/), lat: 30.6126, long: 114.2982 });
    expect(Date.parse(byId.expected_datetime)).toBeGreaterThan(calledAt.getTime());

    // By date range: in the window from before the call to now, not in one that starts after it.
    const inRange = (await open311(under.hub.gateway.base, 'GET', 'requests.json', {
      api_key: API_KEY,
      start_date: new Date(calledAt.getTime() - 60_000).toISOString(),
      end_date: new Date().toISOString(),
    })).json();
    expect(inRange.map((request: any) => request.service_request_id)).toEqual([hotlineCase]);
    const later = (await open311(under.hub.gateway.base, 'GET', 'requests.json', { api_key: API_KEY, start_date: new Date(calledAt.getTime() + 1000).toISOString() })).json();
    expect(later).toEqual([]);
    const closedOnly = (await open311(under.hub.gateway.base, 'GET', 'requests.json', { api_key: API_KEY, status: 'closed' })).json();
    expect(closedOnly).toEqual([]);
    const byService = (await open311(under.hub.gateway.base, 'GET', 'requests.json', { api_key: API_KEY, service_code: '02' })).json();
    expect(byService.map((request: any) => request.service_request_id)).toEqual([hotlineCase]);
    const otherService = (await open311(under.hub.gateway.base, 'GET', 'requests.json', { api_key: API_KEY, service_code: '0401' })).json();
    expect(otherService).toEqual([]);

    // By token: the client's own report, which leads to the case it joined.
    const byToken = (await open311(under.hub.gateway.base, 'GET', `tokens/${answer.token}.json`, { api_key: API_KEY })).json();
    expect(byToken).toEqual([{ service_request_id: hotlineCase, token: answer.token }]);
  });
});
