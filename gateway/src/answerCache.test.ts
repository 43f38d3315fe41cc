import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControl } from '@apollo/server/plugin/cacheControl';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { GraphQLError, parse, type GraphQLResolveInfo } from 'graphql';
import { neverShared, sharedReads } from '@huying/runtime';
import { composeSupergraph } from './compose';
import { startGateway, type RunningGateway } from './gatewayServer';
import { hashOperatorToken, mintOperatorToken, OperatorDirectory } from './operators';

const LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])';
const ANALYTICS = `${LINK}
  type Query { kpis: Int! alerts: Int! failing: Int openCaseMap: [OpenCase!]! }
  type OpenCase { case: Case! }
  type Case @key(fields: "id", resolvable: false) { id: ID! }`;
const CASES = `${LINK}
  type Query { caseCount: Int! }
  type Case @key(fields: "id") { id: ID! title: String! }`;

/** A subgraph that counts what it is asked and says how long its answers may be kept (none: Apollo's no-store). */
async function subgraph(sdl: string, resolvers: Record<string, any>, maxAge?: number) {
  const server = new ApolloServer({
    schema: buildSubgraphSchema([{ typeDefs: parse(sdl), resolvers }]),
    plugins: [ApolloServerPluginInlineTraceDisabled(), ...(maxAge ? [ApolloServerPluginCacheControl({ defaultMaxAge: maxAge })] : [])],
  });
  const { url } = await startStandaloneServer(server, { listen: { port: 0, host: '127.0.0.1' } });
  return { base: url.replace(/\/$/, ''), stop: () => server.stop() };
}

describe('the gateway’s own cache of shared answers', () => {
  const asked = { kpis: 0, alerts: 0, failing: 0, titles: 0, maps: 0, caseCounts: 0 };
  const tokens = { commandCentre: mintOperatorToken(), supervisor: mintOperatorToken(), street: mintOperatorToken() };
  let version = 'v1';
  let gateway: RunningGateway;
  let stops: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    const analytics = await subgraph(
      ANALYTICS,
      {
        Query: {
          kpis: () => ++asked.kpis,
          alerts: () => ++asked.alerts,
          failing: () => {
            asked.failing += 1;
            throw new GraphQLError('the read model cannot be read now');
          },
          openCaseMap: () => {
            asked.maps += 1;
            return [{ case: { id: 'C1' } }];
          },
        },
      },
      60,
    );
    const cases = await subgraph(CASES, { Query: { caseCount: () => ++asked.caseCounts }, Case: { __resolveReference: (ref: { id: string }) => ({ id: ref.id, title: `title ${++asked.titles}` }) } });
    stops = [analytics.stop, cases.stop];
    gateway = await startGateway({
      supergraphSdl: composeSupergraph([
        { name: 'analytics', url: `${analytics.base}/`, sdl: ANALYTICS },
        { name: 'cases', url: `${cases.base}/`, sdl: CASES },
      ]),
      subgraphBases: { analytics: analytics.base, cases: cases.base },
      // caseCount is listed as shared, but its subgraph says nothing of keeping it
      sharedAnswers: { rootFields: new Set(['kpis', 'failing', 'openCaseMap', 'caseCount']), referencesById: new Set(['case']) },
      // one window for the whole test: only the scope and the version decide here
      answerCache: { window: () => 0, version: () => version },
      operators: new OperatorDirectory(
        Object.entries({ commandCentre: 'COMMAND_CENTRE', supervisor: 'SUPERVISOR', street: 'STREET:erqi' }).map(([name, role]) => ({
          id: name,
          name,
          role,
          tokenSha256: hashOperatorToken(tokens[name as keyof typeof tokens]),
        })),
      ),
    });
  });
  afterAll(async () => {
    await gateway.close();
    for (const stop of stops) await stop();
  });

  const ask = async (query: string, authorization?: string) => {
    const response = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
      body: JSON.stringify({ query }),
    });
    const body = (await response.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
    return { body, age: response.headers.get('age'), cacheControl: response.headers.get('cache-control') };
  };

  it('makes an answer once per scope and version, and tells no browser or proxy it was kept', async () => {
    const first = await ask('{ kpis }');
    expect(first.body.data).toEqual({ kpis: 1 });
    const again = await ask('{ kpis }');
    expect([again.body.data, asked.kpis]).toEqual([{ kpis: 1 }, 1]);
    // the subgraph's max-age is the gateway's to use, never passed on; nor how old the kept answer is
    expect([again.cacheControl, again.age]).toEqual(['no-store', null]);

    // each role the gateway vouches for, and each department's key, is made its own answer, then served it
    const bearer = (token: string) => `Bearer ${token}`;
    const asEach = [bearer(tokens.commandCentre), bearer(tokens.supervisor), bearer(tokens.street), 'Bearer department-a', 'Bearer department-b'];
    const firstAnswers = [];
    for (const authorization of asEach) firstAnswers.push((await ask('{ kpis }', authorization)).body.data);
    expect(firstAnswers).toEqual([2, 3, 4, 5, 6].map((kpis) => ({ kpis })));
    const secondAnswers = [];
    for (const authorization of asEach) secondAnswers.push((await ask('{ kpis }', authorization)).body.data);
    expect(secondAnswers).toEqual(firstAnswers);
    expect((await ask('{ kpis }')).body.data).toEqual({ kpis: 1 });

    // the read model moved: the next answer is made afresh
    version = 'v2';
    expect((await ask('{ kpis }')).body.data).toEqual({ kpis: 7 });
    expect((await ask('{ kpis }')).body.data).toEqual({ kpis: 7 });
    expect(asked.kpis).toBe(7);
  });

  it('keeps nothing a subgraph does not allow, nothing but shared answers, and no error', async () => {
    // listed as shared, but its subgraph says nothing of keeping it: asked each time
    expect([(await ask('{ caseCount }')).body.data, (await ask('{ caseCount }')).body.data]).toEqual([{ caseCount: 1 }, { caseCount: 2 }]);
    // the subgraph would allow it, but alerts are a working list, not a shared answer
    await ask('{ alerts }');
    await ask('{ alerts }');
    expect(asked.alerts).toBe(2);
    // a case's title is not a shared answer (and comes from a subgraph that says nothing): the answer is made each time
    const titles = [(await ask('{ openCaseMap { case { id title } } }')).body.data, (await ask('{ openCaseMap { case { id title } } }')).body.data];
    expect(titles).toEqual([{ openCaseMap: [{ case: { id: 'C1', title: 'title 1' } }] }, { openCaseMap: [{ case: { id: 'C1', title: 'title 2' } }] }]);
    // the same map with its cases by id alone is a shared answer
    const mapsBefore = asked.maps;
    await ask('{ openCaseMap { case { id } } }');
    await ask('{ openCaseMap { case { id } } }');
    expect(asked.maps - mapsBefore).toBe(1);
    for (let i = 0; i < 2; i++) expect((await ask('{ failing }')).body.errors).toHaveLength(1);
    expect(asked.failing).toBe(2);
  });
});

describe('the operator list kept by a gateway that hears every commit', () => {
  const LIST = `${LINK}
    type Query { cases: [Case!]! kpis: Int! }
    type Mutation { touch: Int! refuse: Int }
    type Case @key(fields: "id") { id: ID! title: String! phone: String }`;
  const asked = { lists: 0, phones: 0, kpis: 0 };
  const token = mintOperatorToken();
  let commits = 0;
  let hearing: RunningGateway;
  let deaf: RunningGateway;
  let stop: () => Promise<void>;

  beforeAll(async () => {
    // the subgraph's own say, as cases says it: its list may be kept, a logged read of a number never
    const server = new ApolloServer({
      schema: buildSubgraphSchema([
        {
          typeDefs: parse(LIST),
          resolvers: {
            Query: { cases: () => [{ id: 'C1', title: `list ${++asked.lists}` }], kpis: () => ++asked.kpis },
            Mutation: {
              touch: () => 1,
              refuse: () => {
                throw new GraphQLError('not yours to change');
              },
            },
            Case: {
              phone: (_case: unknown, _args: unknown, _context: unknown, info: GraphQLResolveInfo) => {
                neverShared(info);
                return `138${++asked.phones}`;
              },
            },
          },
        },
      ]),
      plugins: [ApolloServerPluginInlineTraceDisabled(), ...sharedReads(new Set(['cases', 'kpis']))],
    });
    const { url } = await startStandaloneServer(server, { listen: { port: 0, host: '127.0.0.1' } });
    stop = () => server.stop();
    const base = url.replace(/\/$/, '');
    const options = {
      supergraphSdl: composeSupergraph([{ name: 'cases', url: `${base}/`, sdl: LIST }]),
      subgraphBases: { cases: base },
      sharedAnswers: { rootFields: new Set(['kpis']), referencesById: new Set<string>(), liveRootFields: new Set(['cases']) },
      operators: new OperatorDirectory([{ id: 'cc', name: 'cc', role: 'COMMAND_CENTRE', tokenSha256: hashOperatorToken(token) }]),
    };
    hearing = await startGateway({ ...options, answerCache: { window: () => 0, version: () => undefined, commits: () => commits } });
    deaf = await startGateway({ ...options, answerCache: { window: () => 0, version: () => undefined } });
  });
  afterAll(async () => {
    await hearing.close();
    await deaf.close();
    await stop();
  });

  const ask = async (gateway: RunningGateway, query: string, authorization = `Bearer ${token}`) => {
    const response = await fetch(gateway.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization }, body: JSON.stringify({ query }) });
    return ((await response.json()) as { data?: Record<string, any> }).data;
  };

  it('makes the list once per scope until a commit is heard or a mutation answered', async () => {
    const first = await ask(hearing, '{ cases { id title } }');
    expect(await ask(hearing, '{ cases { id title } }')).toEqual(first);
    expect(asked.lists).toBe(1);
    // a department's key is a scope of its own: its answer is its own
    expect((await ask(hearing, '{ cases { id title } }', 'Bearer department-a'))!.cases[0].title).toBe('list 2');
    commits += 1;
    expect((await ask(hearing, '{ cases { id title } }'))!.cases[0].title).toBe('list 3');
    expect((await ask(hearing, '{ cases { id title } }'))!.cases[0].title).toBe('list 3');
    // the caller's own change is read next, whether or not it made an event
    await ask(hearing, 'mutation { touch }');
    expect((await ask(hearing, '{ cases { id title } }'))!.cases[0].title).toBe('list 4');
    // a refused mutation changed nothing: asking one again and again empties no one's list
    await ask(hearing, 'mutation { refuse }');
    await ask(hearing, 'mutation { refuse }');
    expect((await ask(hearing, '{ cases { id title } }'))!.cases[0].title).toBe('list 4');
  });

  it('keeps the dashboard’s aggregates across commits: they move with the read model’s version alone', async () => {
    await ask(hearing, '{ kpis }');
    commits += 1;
    await ask(hearing, 'mutation { touch }');
    expect(await ask(hearing, '{ kpis }')).toEqual({ kpis: 1 });
    expect(asked.kpis).toBe(1);
  });

  it('never keeps a list holding a logged read, nor any list where it hears no commit', async () => {
    await ask(hearing, '{ cases { id phone } }');
    await ask(hearing, '{ cases { id phone } }');
    expect(asked.phones).toBe(2);
    const before = asked.lists;
    await ask(deaf, '{ cases { id title } }');
    await ask(deaf, '{ cases { id title } }');
    expect(asked.lists - before).toBe(2);
  });
});
