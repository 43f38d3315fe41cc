import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RunningGateway } from '@huying/gateway';
import { startTestGateway, UNREACHABLE } from './support/gateway';
import { graphql } from './support/graphql';
import { asOperator } from './support/operators';

const ADMIN = asOperator('ADMIN');
const QUERY = '{ cases(first: 1) { totalCount } }';
/** Nothing that names the hub's insides: internal URLs, loopback ports, routes, files, stack frames. */
const INTERNALS = /https?:\/\/|127\.0\.0\.1|\/graphql|\/work\/|node_modules|\.ts:\d+|\bat [\w.<>]+ \(|relation "/;

/** A "subgraph" that answers every request with `answer`: garbage, a crash report, a 403 of its own. */
async function fakeSubgraph(status: number, contentType: string, body: string): Promise<{ base: string; server: Server }> {
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => response.writeHead(status, { 'content-type': contentType }).end(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

const UPSTREAMS: [string, () => Promise<{ base: string; server?: Server }>][] = [
  ['refuses connections', async () => ({ base: UNREACHABLE })],
  ['answers an HTML page with a stack trace', () =>
    fakeSubgraph(200, 'text/html', '<html><pre>TypeError: x is undefined\n    at resolve (/work/main/subgraphs/cases/src/resolvers.ts:12:3)</pre></html>')],
  ['answers half a JSON body', () => fakeSubgraph(200, 'application/json', '{"data": {"cases": ')],
  ['fails inside and says how', () =>
    fakeSubgraph(200, 'application/json', JSON.stringify({ errors: [{ message: 'relation "cases.case" does not exist (at http://127.0.0.1:5432/huying, /work/main/x.ts:1:1)', extensions: { code: 'INTERNAL_SERVER_ERROR' } }], data: null }))],
  ['answers 502 from a proxy', () => fakeSubgraph(502, 'text/plain', 'upstream http://10.0.0.5:4001/graphql timed out')],
  ['answers 403 of its own', () => fakeSubgraph(403, 'text/plain', 'forbidden: missing secret for http://127.0.0.1:4001/graphql')],
];

describe.each(UPSTREAMS)('an error from a subgraph that %s', (_name, upstream) => {
  let gateway: RunningGateway;
  let server: Server | undefined;
  beforeAll(async () => {
    const started = await upstream();
    server = started.server;
    gateway = await startTestGateway({ subgraphBases: { cases: started.base } });
  });
  afterAll(async () => {
    await gateway?.close();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  });

  it('reaches the client as an error with no internal URL, path or stack trace', async () => {
    const answer = await graphql(gateway.url, QUERY, {}, ADMIN);
    expect(answer.data?.cases ?? null).toBeNull();
    expect(answer.errors?.length).toBeGreaterThan(0);
    for (const error of answer.errors!) {
      expect(JSON.stringify(error)).not.toMatch(INTERNALS);
      expect(error.extensions?.response).toBeUndefined();
      expect(['INTERNAL_SERVER_ERROR', 'FORBIDDEN']).toContain(error.extensions?.code);
    }
  });
});
