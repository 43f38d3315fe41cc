import { gatewayHeaders, testBackends } from '@huying/runtime';
import { graphql } from './support/graphql';
import { startTestHub, type HubUnderTest } from './support/hub';
import { asOperator } from './support/operators';

const ISSUE_KEY = `mutation { issueDepartmentKey(departmentId: "jiangan-water") { key department { id } } }`;
const EVENTS = `query { assignmentEvents(departmentId: "jiangan-water") { nodes { cursor } } }`;
/** The secret the hub's subgraphs trust (the development default, as in `npm start`). */
const GATEWAY_SECRET = gatewayHeaders(undefined)['x-huying-gateway']!;

describe.each(testBackends())('who may do what through the gateway on $kind', (backend) => {
  let under: HubUnderTest;
  beforeAll(async () => (under = await startTestHub(backend)));
  afterAll(() => under.stop());

  const keysIssued = async () => Number((await under.db.query<{ count: string }>('SELECT count(*) AS count FROM dispatch.department_key'))[0]!.count);

  it('gives a client that claims ADMIN in a header nothing, even with a guessed gateway secret', async () => {
    const claims: Record<string, string>[] = [{ 'x-huying-role': 'ADMIN' }, { 'x-huying-role': 'ADMIN', 'x-huying-gateway': GATEWAY_SECRET }];
    for (const claim of claims) {
      const answer = await graphql(under.hub.url, ISSUE_KEY, {}, claim);
      expect(answer.data).toBeNull();
      expect(answer.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
    expect(await keysIssued()).toBe(0);
  });

  it('acts in the role of the operator whose token it is, and in no other', async () => {
    const issued = await graphql(under.hub.url, ISSUE_KEY, {}, asOperator('ADMIN'));
    expect(issued.errors).toBeUndefined();
    expect(issued.data!.issueDepartmentKey.department.id).toBe('jiangan-water');
    expect(await keysIssued()).toBe(1);

    // a supervisor may not issue keys, and claiming ADMIN beside the token changes nothing
    const supervisor = await graphql(under.hub.url, ISSUE_KEY, {}, { ...asOperator('SUPERVISOR'), 'x-huying-role': 'ADMIN' });
    expect(supervisor.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await keysIssued()).toBe(1);

    // the department key the admin issued still passes through the gateway to dispatch untouched
    const department = { authorization: `Bearer ${issued.data!.issueDepartmentKey.key}` };
    const events = await graphql(under.hub.url, EVENTS, {}, department);
    expect(events.errors).toBeUndefined();
    expect(events.data!.assignmentEvents.nodes).toEqual([]);
    // ...while a role claimed in a header reads no department's feed
    const claimed = await graphql(under.hub.url, EVENTS, {}, { 'x-huying-role': 'COMMAND_CENTRE' });
    expect(claimed.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('refuses an unknown operator token with a 401 and does nothing', async () => {
    const before = await keysIssued();
    const response = await fetch(under.hub.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer hyop_not-a-token-anyone-was-given' },
      body: JSON.stringify({ query: ISSUE_KEY }),
    });
    expect(response.status).toBe(401);
    const body = (await response.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(body.errors[0]).toMatchObject({ message: expect.stringContaining('operator token is not valid'), extensions: { code: 'UNAUTHENTICATED' } });
    expect(await keysIssued()).toBe(before);
  });

  it('makes a subgraph reached directly ignore a role without the gateway secret', async () => {
    const dispatchUrl = under.hub.subgraphs.dispatch!.url;
    const before = await keysIssued();
    const forged = await graphql(dispatchUrl, ISSUE_KEY, {}, { 'x-huying-role': 'ADMIN', 'x-huying-gateway': 'a-guess' });
    expect(forged.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(await keysIssued()).toBe(before);
    const vouched = await graphql(dispatchUrl, ISSUE_KEY, {}, gatewayHeaders('COMMAND_CENTRE'));
    expect(vouched.errors).toBeUndefined();
    expect(await keysIssued()).toBe(before + 1);
  });
});
