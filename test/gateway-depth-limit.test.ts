import { testBackends } from '@huying/runtime';
import { graphql } from './support/graphql';
import { startTestHub, type HubUnderTest } from './support/hub';
import { asOperator } from './support/operators';

const ADMIN = asOperator('ADMIN');
/** `cases { edges { node { reports { case { reports { case … { id` : a real cycle of the schema, `depth` fields deep. */
function deepQuery(depth: number, first: number): string {
  const cycle = Array.from({ length: depth - 4 }, (_, index) => (index % 2 ? 'case' : 'reports'));
  return `{ cases(first: ${first}) { edges { node { ${cycle.reduceRight((selection, field) => `${field} { ${selection} }`, 'id')} } } } }`;
}

describe.each(testBackends())('a deep query, through the gateway on $kind', (backend) => {
  let under: HubUnderTest;
  beforeAll(async () => (under = await startTestHub(backend)));
  afterAll(() => under.stop());

  it('refuses depth 50 before anything runs, naming the limit', async () => {
    const answer = await graphql(under.hub.url, deepQuery(50, 500), {}, ADMIN);
    expect(answer.data).toBeUndefined();
    // (its cost is over HUYING_MAX_COST too, and said so beside)
    expect(answer.errors).toContainEqual({
      message: 'Query depth limit of 10 exceeded, found 50.',
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED', limit: 'HUYING_MAX_DEPTH' },
    });
  });

  it('answers depth 10', async () => {
    const answer = await graphql(under.hub.url, deepQuery(10, 1), {}, ADMIN);
    expect(answer.errors).toBeUndefined();
    expect(answer.data).toEqual({ cases: { edges: [] } });
  });
});
