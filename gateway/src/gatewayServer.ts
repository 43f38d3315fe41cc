import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:http';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type Router } from 'express';
import { SubgraphDataSource, type GatewayContext } from './subgraphDataSource';

export interface GatewayOptions {
  supergraphSdl: string;
  /** Each subgraph's base URL (`http://host:port`) by name; GraphQL is at `/graphql` below it. */
  subgraphBases: Record<string, string>;
  port?: number;
  host?: string;
  /** More routes on the gateway's server (dashboards, webhooks admin). */
  routes?(router: Router): void;
  /** Lets a caller attach more to the HTTP server (e.g. WebSocket subscriptions). */
  onServer?(server: Server): void | Promise<void>;
}

export interface RunningGateway {
  url: string;
  base: string;
  server: Server;
  close(): Promise<void>;
}


export async function startGateway(options: GatewayOptions): Promise<RunningGateway> {
  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl,
    buildService: ({ name, url }) =>
      new SubgraphDataSource({ url: options.subgraphBases[name] ? `${options.subgraphBases[name]}/graphql` : url }),
  });
  const apollo = new ApolloServer<GatewayContext>({ gateway: gateway as never, includeStacktraceInErrorResponses: false });
  await apollo.start();

  const app = express();
  app.get('/health', async (_request, response) => {
    const subgraphs = Object.fromEntries(
      await Promise.all(
        Object.entries(options.subgraphBases).map(async ([name, base]) => [name, await subgraphState(base)] as const),
      ),
    );
    const allUp = Object.values(subgraphs).every((state) => state === 'up');
    response.status(allUp ? 200 : 503).json({ status: allUp ? 'up' : 'degraded', subgraphs });
  });
  const router = express.Router();
  options.routes?.(router);
  app.use(router);
  app.use('/graphql', express.json({ limit: '50mb' }), expressMiddleware(apollo, { context: async ({ req }) => ({ headers: req.headers }) }));

  const server = createServer(app);
  await options.onServer?.(server);
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const base = `http://${options.host === '0.0.0.0' ? '127.0.0.1' : options.host ?? '127.0.0.1'}:${port}`;
  return {
    url: `${base}/graphql`,
    base,
    server,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await apollo.stop();
    },
  };
}

async function subgraphState(base: string): Promise<'up' | 'down'> {
  try {
    const response = await fetch(`${base}/health`, { signal: AbortSignal.timeout(2000) });
    return response.ok ? 'up' : 'down';
  } catch {
    return 'down';
  }
}
