import type { RunningGateway } from '@huying/gateway';
import { startTestGateway } from './support/gateway';
import { graphql } from './support/graphql';
import { asOperator } from './support/operators';

const INTROSPECTION = '{ __schema { queryType { name } } }';
const TYPE = '{ __type(name: "Case") { fields { name } } }';
// A near miss of a field and of an enum value: graphql-js would suggest `totalCount` and `HOTLINE`.
const NEAR_MISSES = '{ cases(first: 1, filter: { channel: HOTLIN }) { totalCont } }';

describe('what only development shows: introspection, "Did you mean …" and Apollo Sandbox', () => {
  let production: RunningGateway;
  let development: RunningGateway;
  beforeAll(async () => {
    production = await startTestGateway({ development: false });
    development = await startTestGateway({ development: true });
  });
  afterAll(async () => {
    await production?.close();
    await development?.close();
  });

  it('refuses introspection outside development, even to an admin', async () => {
    for (const query of [INTROSPECTION, TYPE]) {
      const answer = await graphql(production.url, query, {}, asOperator('ADMIN'));
      expect(answer.data).toBeUndefined();
      expect(answer.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(answer.errors?.[0]?.message).toMatch(/introspection is not allowed/);
    }
    // __typename is no introspection: clients add it to every selection
    expect((await graphql(production.url, '{ __typename }')).data).toEqual({ __typename: 'Query' });
  });

  it('answers introspection in development', async () => {
    const answer = await graphql(development.url, INTROSPECTION);
    expect(answer.errors).toBeUndefined();
    expect(answer.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
  });

  it('hides field and enum suggestions outside development, and gives them in development', async () => {
    const hidden = await graphql(production.url, NEAR_MISSES);
    expect(hidden.errors?.map((error) => error.message).sort()).toEqual([
      'Cannot query field "totalCont" on type "CaseConnection".',
      'Value "HOTLIN" does not exist in "Channel" enum.',
    ]);
    const shown = await graphql(development.url, NEAR_MISSES);
    expect(shown.errors?.map((error) => error.message).join(' ')).toMatch(/Did you mean "totalCount"\?.*Did you mean the enum value "HOTLINE"\?|Did you mean the enum value "HOTLINE"\?.*Did you mean "totalCount"\?/);
  });

  it('shows Apollo Sandbox to a browser only in development', async () => {
    const asBrowser = { headers: { accept: 'text/html' } };
    const page = await fetch(development.url, asBrowser);
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/sandbox/i);
    const none = await fetch(production.url, asBrowser);
    expect(none.headers.get('content-type')).not.toMatch(/text\/html/);
    expect(await none.text()).not.toMatch(/sandbox/i);
  });
});
