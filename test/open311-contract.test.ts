import { testBackends } from '@huying/runtime';
import { startTestHub, type HubUnderTest } from './support/hub';
import { asOperator } from './support/operators';
import { apiKeyOf, example, fieldsOf, open311, schemaProblems } from './support/open311';

// An Open311 app the command centre issued an intake credential to.
const API_KEY = apiKeyOf(asOperator('INTAKE:test-system'));
const READER = apiKeyOf(asOperator('CITIZEN'));

const POTHOLE = {
  api_key: API_KEY,
  service_code: '0201',
  lat: '30.5931',
  long: '114.3047',
  address_string: '江岸区中山大道818号',
  description: '中山大道818号门口路面塌了一个大坑，电动车差点摔倒',
  phone: '13912345678',
  'attribute[title]': '中山大道路面塌陷',
};

describe.each(testBackends())('Open311 GeoReport v2 on $kind: every endpoint in JSON and XML, as the spec and its examples', (backend) => {
  let under: HubUnderTest;
  let base: string;
  let posted: { service_request_id: string; token: string };
  beforeAll(async () => {
    under = await startTestHub(backend);
    base = under.hub.gateway.base;
    const answer = await open311(base, 'POST', 'requests.json', POTHOLE);
    expect(answer.status).toBe(201);
    posted = answer.json()[0];
  });
  afterAll(() => under.stop());

  it('lists the services (the category tree\'s leaves) against services.json, shaped as the example', async () => {
    const json = await open311(base, 'GET', 'services.json', { api_key: READER });
    expect(json.contentType).toMatch(/^application\/json/);
    const services = json.json();
    expect(schemaProblems('services', services)).toEqual([]);
    expect(services.map((service: any) => service.service_code)).toEqual(expect.arrayContaining(['0201', '0202', '9901']));
    expect(services.find((service: any) => service.service_code === '0202')).toMatchObject({ service_name: '井盖', group: '市政设施', type: 'realtime' });
    for (const service of services) expect(fieldsOf(service)).toEqual(fieldsOf(example('json-service-list.json')[0]));

    const xml = await open311(base, 'GET', 'services.xml', { api_key: READER });
    expect(xml.contentType).toMatch(/^text\/xml/);
    const items = xml.xml().services.service;
    expect(items.map((item: any) => item.service_code)).toEqual(services.map((service: any) => service.service_code));
    expect(fieldsOf(items[0])).toEqual(fieldsOf(example('xml-service-list.verbatim.xml').services.service[0]));
  });

  it('defines a service with its attributes against service-definition.json, in JSON and XML', async () => {
    const definition = (await open311(base, 'GET', 'services/0202.json', { api_key: READER })).json();
    expect(schemaProblems('service-definition', definition)).toEqual([]);
    expect(definition.service_code).toBe('0202');
    const [attribute] = definition.attributes;
    const exampleAttribute = example('json-service-definition.json').attributes[0];
    // Every field the example's attribute has, but `values`, which only a list attribute carries.
    expect(fieldsOf(attribute)).toEqual(fieldsOf(exampleAttribute).filter((name) => name !== 'values'));
    expect(attribute).toMatchObject({ code: 'title', variable: true, required: false });

    const xml = (await open311(base, 'GET', 'services/0202.xml', { api_key: READER })).xml();
    expect(xml.service_definition.service_code).toBe('0202');
    const exampleXml = example('xml-service-definition.verbatim.xml').service_definition;
    expect(fieldsOf(xml.service_definition)).toEqual(fieldsOf(exampleXml));
    expect(fieldsOf(xml.service_definition.attributes.attribute[0])).toEqual(fieldsOf(exampleXml.attributes.attribute[0]).filter((name) => name !== 'values'));
  });

  it('answers a POST as the example does, and the token leads to the request', async () => {
    expect(fieldsOf(posted)).toEqual([...fieldsOf(example('json-service-request-post.json')[0]), 'token'].sort());
    expect(posted.service_request_id).toMatch(/^[0-9a-f-]{36}$/);

    const xmlPost = await open311(base, 'POST', 'requests.xml', { ...POTHOLE, description: '中山大道818号门前路面有个大坑，很危险' });
    expect(xmlPost.status).toBe(201);
    const [item] = xmlPost.xml().service_requests.request;
    expect(fieldsOf(item)).toEqual([...fieldsOf(example('xml-service-request-post.verbatim.xml').service_requests.request[0]), 'token'].sort());

    const token = (await open311(base, 'GET', `tokens/${posted.token}.json`, { api_key: READER })).json();
    expect(token).toEqual([{ service_request_id: posted.service_request_id, token: posted.token }]);
    expect(fieldsOf(token[0])).toEqual(fieldsOf(example('json-request-from-token.json')[0]));
    const tokenXml = (await open311(base, 'GET', `tokens/${posted.token}.xml`, { api_key: READER })).xml();
    expect(tokenXml.service_requests.request[0]).toEqual({ service_request_id: posted.service_request_id, token: posted.token });
  });

  it('reads requests and one request against requests.json, shaped as the examples, in JSON and XML', async () => {
    const list = (await open311(base, 'GET', 'requests.json', { api_key: READER })).json();
    expect(schemaProblems('requests', list)).toEqual([]);
    const mine = list.find((request: any) => request.service_request_id === posted.service_request_id);
    expect(mine).toMatchObject({ status: 'open', service_code: '0201', service_name: '道路破损', lat: 30.5931, long: 114.3047, address: '江岸区中山大道818号' });
    // The number the citizen gave is nowhere in what the city publishes.
    expect(JSON.stringify(list)).not.toContain('13912345678');
    for (const request of list) expect(fieldsOf(request)).toEqual(fieldsOf(example('json-service-requests.json')[0]));

    const one = (await open311(base, 'GET', `requests/${posted.service_request_id}.json`, { api_key: READER })).json();
    expect(schemaProblems('requests', one)).toEqual([]);
    expect(one).toHaveLength(1);
    expect(fieldsOf(one[0])).toEqual(fieldsOf(example('json-service-request.json')[0]));

    const exampleXml = example('xml-service-requests.verbatim.xml').service_requests.request[0];
    const listXml = (await open311(base, 'GET', 'requests.xml', { api_key: READER })).xml().service_requests.request;
    expect(listXml.map((request: any) => request.service_request_id)).toEqual(list.map((request: any) => request.service_request_id));
    for (const request of listXml) expect(fieldsOf(request)).toEqual(fieldsOf(exampleXml));
    const oneXml = (await open311(base, 'GET', `requests/${posted.service_request_id}.xml`, { api_key: READER })).xml().service_requests.request;
    expect(oneXml).toHaveLength(1);
    expect(oneXml[0]).toMatchObject({ service_request_id: posted.service_request_id, status: 'open', service_code: '0201' });
  });

  it.each(['json', 'xml'] as const)('answers bad requests with the spec\'s errors in %s', async (format) => {
    const errorsOf = (answer: Awaited<ReturnType<typeof open311>>) => (format === 'json' ? answer.json() : answer.xml().errors.error);
    const exampleFields = fieldsOf(format === 'json' ? example('json-errors.verbatim.http')[0] : example('xml-errors.verbatim.http').errors.error[0]);
    const cases: [string, Promise<Awaited<ReturnType<typeof open311>>>, number, RegExp][] = [
      ['no service_code', open311(base, 'POST', `requests.${format}`, { ...POTHOLE, service_code: '' }), 400, /service_code was not provided/],
      ['a latitude that is not one', open311(base, 'POST', `requests.${format}`, { ...POTHOLE, lat: '北纬30度' }), 400, /lat is not valid/],
      ['a latitude out of range', open311(base, 'POST', `requests.${format}`, { ...POTHOLE, lat: '130.5' }), 400, /lat is not valid/],
      ['no place at all', open311(base, 'POST', `requests.${format}`, { api_key: API_KEY, service_code: '0201', description: '路面坏了' }), 400, /location/],
      ['an unknown service', open311(base, 'POST', `requests.${format}`, { ...POTHOLE, service_code: '7777' }), 404, /service_code 7777/],
      ['a wrong api_key', open311(base, 'POST', `requests.${format}`, { ...POTHOLE, api_key: 'hyop_not-a-key' }), 403, /Invalid api_key received -- can't proceed with create_request\./],
      ['no api_key', open311(base, 'POST', `requests.${format}`, { ...POTHOLE, api_key: '' }), 403, /api_key was not provided/],
      ['a key that may only read', open311(base, 'POST', `requests.${format}`, { ...POTHOLE, api_key: READER }), 403, /may not create_request/],
      ['an unknown request id', open311(base, 'GET', `requests/00000000-0000-4000-8000-000000000000.${format}`, { api_key: READER }), 404, /was not found/],
      ['a request id that is not one', open311(base, 'GET', `requests/638344.${format}`, { api_key: READER }), 404, /was not found/],
      ['an unknown token', open311(base, 'GET', `tokens/no-such-token.${format}`, { api_key: READER }), 404, /token no-such-token was not found/],
      ['an unknown service definition', open311(base, 'GET', `services/7777.${format}`, { api_key: READER }), 404, /service_code 7777/],
      ['a date that is not one', open311(base, 'GET', `requests.${format}`, { api_key: READER, start_date: '2026-13-45' }), 400, /start_date is not valid/],
      ['a status the spec has not', open311(base, 'GET', `requests.${format}`, { api_key: READER, status: 'pending' }), 400, /status is not valid/],
      ['an anonymous reader (the city publishes nothing by default)', open311(base, 'GET', `services.${format}`), 403, /api_key was not provided/],
    ];
    for (const [what, call, status, description] of cases) {
      const answer = await call;
      expect({ what, status: answer.status }).toEqual({ what, status });
      const errors = errorsOf(answer);
      expect(errors).toHaveLength(1);
      expect(fieldsOf(errors[0])).toEqual(exampleFields);
      expect(String(errors[0].code)).toBe(String(status));
      expect({ what, description: errors[0].description }).toEqual({ what, description: expect.stringMatching(description) });
      expect(answer.text).not.toMatch(/at \S+ \(|\/work\/|node_modules|127\.0\.0\.1/);
    }
  });
});
