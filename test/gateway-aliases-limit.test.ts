import type { RunningGateway } from '@huying/gateway';
import { testBackends } from '@huying/runtime';
import { startTestGateway, subgraphBasesOf } from './support/gateway';
import { graphql } from './support/graphql';
import { startTestHub, type HubUnderTest } from './support/hub';
import { asOperator } from './support/operators';

// Sent as an operator, so only the limits can be what refuses it (anonymous callers get no cases anyway).
const ADMIN = asOperator('ADMIN');
const aliases = (count: number, first = 500) =>
  `{ ${Array.from({ length: count }, (_, index) => `a${index}: cases(first: ${first}) { totalCount edges { node { id title } } }`).join(' ')} }`;

describe.each(testBackends())('too many aliases, through the gateway on $kind', (backend) => {
  let under: HubUnderTest;
  let tokensOff: RunningGateway;
  beforeAll(async () => {
    under = await startTestHub(backend);
    // The same hub behind a gateway without the token limit: the alias rule must refuse on its own.
    tokensOff = await startTestGateway({ subgraphBases: subgraphBasesOf(under.hub), limits: { maxTokens: 0 } });
  });
  afterAll(async () => {
    await tokensOff?.close();
    await under?.stop();
  });

  it('refuses 1,000 aliases of cases(first: 500) before anything runs', async () => {
    const answer = await graphql(under.hub.url, aliases(1000), {}, ADMIN);
    // refused while parsing (HUYING_MAX_TOKENS comes first) or validating: either way no data at all
    expect(answer.data).toBeUndefined();
    expect(answer.errors).toHaveLength(1);
    expect(answer.errors![0]!.extensions?.code).toMatch(/^GRAPHQL_(PARSE|VALIDATION)_FAILED$/);
  });

  it('refuses them by the alias limit alone, naming it, with the token limit off', async () => {
    const answer = await graphql(tokensOff.url, aliases(1000), {}, ADMIN);
    expect(answer.data).toBeUndefined();
    expect(answer.errors).toContainEqual(
      expect.objectContaining({ message: 'Aliases limit of 15 exceeded, found 1000.', extensions: { code: 'GRAPHQL_VALIDATION_FAILED', limit: 'HUYING_MAX_ALIASES' } }),
    );
  });

  it('refuses the sixteenth alias and answers fifteen', async () => {
    const over = await graphql(under.hub.url, aliases(16, 1), {}, ADMIN);
    expect(over.data).toBeUndefined();
    expect(over.errors).toEqual([{ message: 'Aliases limit of 15 exceeded, found 16.', extensions: { code: 'GRAPHQL_VALIDATION_FAILED', limit: 'HUYING_MAX_ALIASES' } }]);
    // `__typename` under an alias of its own is not counted
    const within = await graphql(under.hub.url, aliases(15, 1).replace(/ }$/, ' kind: __typename }'), {}, ADMIN);
    expect(within.errors).toBeUndefined();
    expect(within.data!.a14).toEqual({ totalCount: 0, edges: [] });
  });
});
