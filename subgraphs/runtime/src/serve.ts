import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:http';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { buildSubgraphSchema } from '@apollo/subgraph';
import express from 'express';
import type { Database } from './database';
import { outboxFeed } from './events';
import type { SubgraphService } from './service';

export interface ServedSubgraph {
  /** `http://127.0.0.1:PORT`; GraphQL is at `${base}/graphql`, its events at `${base}/events`. */
  base: string;
  url: string;
  close(): Promise<void>;
}

/** Serves one subgraph over HTTP: `/graphql`, `/health`, `/events` and the service's own routes. */
export async function serveSubgraph<Context>(
  service: SubgraphService<Context>,
  db: Database,
  options: { port?: number; host?: string } = {},
): Promise<ServedSubgraph> {
  const apollo = new ApolloServer<Context & object>({
    schema: buildSubgraphSchema({ typeDefs: service.typeDefs, resolvers: service.resolvers as never }),
    includeStacktraceInErrorResponses: false,
    // Traces are for Apollo's hosted studio, which this hub never reaches.
    plugins: [ApolloServerPluginInlineTraceDisabled()],
    // The launcher (hub or standalone) stops every server in order on SIGINT/SIGTERM.
    stopOnTerminationSignals: false,
  });
  await apollo.start();

  const app = express();
  app.get('/health', (_request, response) => {
    response.json({ service: service.name, status: 'up' });
  });
  if (service.eventSchema) {
    const feed = outboxFeed(db, service.eventSchema);
    app.get('/events', async (request, response, next) => {
      try {
        const after = Number(request.query.after ?? 0);
        const limit = Math.min(Number(request.query.limit ?? 200), 1000);
        if (!Number.isInteger(after) || !Number.isInteger(limit) || after < 0 || limit < 1) {
          response.status(400).json({ error: 'after and limit must be non-negative integers' });
          return;
        }
        response.json({ events: await feed.read(after, limit) });
      } catch (error) {
        next(error);
      }
    });
  }
  const router = express.Router();
  service.routes?.(router);
  app.use(router);
  app.use(
    '/graphql',
    express.json({ limit: '50mb' }),
    expressMiddleware(apollo, { context: async ({ req }) => (await service.context(req)) as Context & object }),
  );

  const server: Server = createServer(app);
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const base = `http://${options.host ?? '127.0.0.1'}:${port}`;
  return {
    base,
    url: `${base}/graphql`,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await apollo.stop();
    },
  };
}
