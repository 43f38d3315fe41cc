import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SubgraphDataSource } from './subgraphDataSource';

/** A subgraph that takes 200 ms to answer and counts what it is asked. */
async function slowSubgraph(): Promise<{ url: string; asked: { body: string; role: string | undefined }[]; close(): Promise<void> }> {
  const asked: { body: string; role: string | undefined }[] = [];
  const server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      asked.push({ body, role: request.headers['x-huying-role'] as string | undefined });
      setTimeout(() => response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data: { kpis: [{ cases: asked.length }] } })), 200);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    asked,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** What the gateway hands its data source for one fetch of a client's operation. */
function fetchOf(url: string, operation: 'query' | 'mutation', headers: Record<string, string>, variables: Record<string, unknown> = { from: '2026-11-01' }) {
  return {
    kind: 'incoming operation',
    request: { query: `${operation} ($from: String) { kpis(from: $from) { cases } }`, variables, http: { method: 'POST', url, headers: new Headers() } },
    incomingRequestContext: { operation: { operation } },
    context: { subgraphHeaders: headers },
  } as never;
}

describe('the gateway asking a subgraph the same question for many callers at once', () => {
  const COMMAND_CENTRE = { 'x-huying-role': 'COMMAND_CENTRE', 'x-huying-gateway': 's' };

  it('sends it once for callers of one scope, each getting an answer of its own', async () => {
    const subgraph = await slowSubgraph();
    const source = new SubgraphDataSource({ url: subgraph.url }, 'analytics', true);
    try {
      const answers = await Promise.all(Array.from({ length: 8 }, (_, index) => source.process(fetchOf(subgraph.url, 'query', { ...COMMAND_CENTRE, 'x-request-id': `r${index}` }))));
      expect(subgraph.asked).toHaveLength(1);
      expect(answers.map((answer) => answer.data)).toEqual(Array(8).fill({ kpis: [{ cases: 1 }] }));
      // copies: what one caller's answer becomes is not another's
      (answers[0]!.data as { kpis: { cases: number }[] }).kpis[0]!.cases = 99;
      expect((answers[1]!.data as { kpis: { cases: number }[] }).kpis[0]!.cases).toBe(1);
      // once answered, the next asks again
      await source.process(fetchOf(subgraph.url, 'query', COMMAND_CENTRE));
      expect(subgraph.asked).toHaveLength(2);
    } finally {
      await subgraph.close();
    }
  });

  it('shares nothing for a subgraph whose queries may have effects (each read of a number is logged)', async () => {
    const subgraph = await slowSubgraph();
    const source = new SubgraphDataSource({ url: subgraph.url }, 'cases');
    try {
      await Promise.all(Array.from({ length: 4 }, () => source.process(fetchOf(subgraph.url, 'query', COMMAND_CENTRE))));
      expect(subgraph.asked).toHaveLength(4);
    } finally {
      await subgraph.close();
    }
  });

  it('asks apart for callers who may see different data, for other variables, and for every mutation', async () => {
    const subgraph = await slowSubgraph();
    const source = new SubgraphDataSource({ url: subgraph.url }, 'analytics', true);
    try {
      await Promise.all([
        source.process(fetchOf(subgraph.url, 'query', COMMAND_CENTRE)),
        source.process(fetchOf(subgraph.url, 'query', { ...COMMAND_CENTRE, 'x-huying-role': 'STREET:erqi' })),
        source.process(fetchOf(subgraph.url, 'query', { ...COMMAND_CENTRE, authorization: 'Bearer department-key' })),
        source.process(fetchOf(subgraph.url, 'query', COMMAND_CENTRE, { from: '2026-10-01' })),
        source.process(fetchOf(subgraph.url, 'mutation', COMMAND_CENTRE)),
        source.process(fetchOf(subgraph.url, 'mutation', COMMAND_CENTRE)),
      ]);
      expect(subgraph.asked).toHaveLength(6);
      expect(subgraph.asked.map((request) => request.role).sort()).toEqual(['COMMAND_CENTRE', 'COMMAND_CENTRE', 'COMMAND_CENTRE', 'COMMAND_CENTRE', 'COMMAND_CENTRE', 'STREET:erqi']);
    } finally {
      await subgraph.close();
    }
  });
});
