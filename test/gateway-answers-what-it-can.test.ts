import { testBackends } from '@huying/runtime';
import { graphql } from './support/graphql';
import { startTestHub, type HubUnderTest } from './support/hub';
import { asOperator } from './support/operators';

const COMMAND_CENTRE = asOperator('COMMAND_CENTRE');
/** One root field from the cases subgraph, one from dispatch (nullable, so a missing answer stays where it is). */
const QUERY = '{ cases(first: 1) { totalCount } department(id: "jiangan-water") { id name } }';

describe.each(testBackends().slice(0, 1))('a subgraph that is down, on $kind', (backend) => {
  let under: HubUnderTest;
  beforeAll(async () => (under = await startTestHub(backend)));
  afterAll(() => under.stop());

  it('leaves the rest of the answer whole, and the error and /health name the part that is missing', async () => {
    const whole = await graphql(under.hub.url, QUERY, {}, COMMAND_CENTRE);
    expect(whole.errors).toBeUndefined();
    expect(whole.data!.department.id).toBe('jiangan-water');

    await under.hub.subgraphs.dispatch!.close();
    const partial = await graphql(under.hub.url, QUERY, {}, COMMAND_CENTRE);
    expect(partial.data!.cases).toEqual(whole.data!.cases);
    expect(partial.data!.department).toBeNull();
    expect(partial.errors).toHaveLength(1);
    expect(partial.errors![0]!.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR', serviceName: 'dispatch' });
    expect(partial.errors![0]!.message).toMatch(/^the dispatch service could not answer/);
    expect(JSON.stringify(partial.errors)).not.toMatch(/https?:\/\/|127\.0\.0\.1/);

    const health = await fetch(`${under.hub.gateway.base}/health`);
    expect(health.status).toBe(503);
    expect(((await health.json()) as { subgraphs: Record<string, string> }).subgraphs.dispatch).not.toBe('up');
  });
});
