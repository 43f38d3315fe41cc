import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:http';
import { ApolloServer } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { buildSubgraphSchema } from '@apollo/subgraph';
import express from 'express';
import { callerFromHeaders, guardRootFields, type Caller } from './access';
import type { Database } from './database';
import { asGraphQLError } from './errors';
import { carriesGatewaySecret } from './gatewayTrust';
import { closeGracefully, keepIdleConnections } from './keepAlive';
import { createLogger } from './logger';
import { outboxFeed } from './events';
import type { SubgraphService } from './service';

const CALLER = Symbol('huying.caller');

const compactJson = (value: unknown) => JSON.stringify(value);

/** How long a stopping service lets the requests under way finish (a batch of reports) before it cuts them. */
const CLOSE_GRACE_MS = 10_000;
type CallerSlot = { [CALLER]?: () => Promise<Caller> };

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
  const schema = buildSubgraphSchema([{ typeDefs: service.typeDefs, resolvers: service.resolvers as never }]);
  // Asked lazily, once per request: a department key is looked up only when a guarded field runs. Kept on
  // the context under a symbol (Apollo may shallow-copy the context; Object.assign copies symbols).
  const unruled = guardRootFields<Context & object>(schema, service.access, (context) => (context as CallerSlot)[CALLER]?.() ?? callerFromHeaders(undefined));
  if (unruled.length) createLogger(service.name).warn({ fields: unruled }, 'root fields without an access rule answer nobody');
  const apollo = new ApolloServer<Context & object>({
    schema,
    includeStacktraceInErrorResponses: false,
    // Workflows refuse with domain errors; here, once, they become the GraphQL errors clients read.
    formatError: (formatted, error) => asGraphQLError(formatted, unwrapResolverError(error)),
    // Traces are for Apollo's hosted studio, which this hub never reaches.
    plugins: [ApolloServerPluginInlineTraceDisabled(), ...(service.plugins ?? [])],
    // Apollo indents every answer by default: more bytes for the gateway to read, and no one reads them by eye.
    stringifyResult: compactJson,
    // The launcher (hub or standalone) stops every server in order on SIGINT/SIGTERM.
    stopOnTerminationSignals: false,
  });
  await apollo.start();

  const app = express();
  // The event log and a service's own routes are for the gateway and sibling services, which carry the
  // gateway's secret (with the caller's role, where a route needs one); anyone else reaching the port gets nothing.
  const internalOnly: express.RequestHandler = (request, response, next) => {
    if (carriesGatewaySecret(request.headers)) next();
    else response.status(401).json({ errors: [{ message: 'only the hub\'s own services call this', extensions: { code: 'UNAUTHENTICATED' } }] });
  };
  app.get('/health', (_request, response) => {
    response.json({ service: service.name, status: 'up' });
  });
  if (service.eventSchema) {
    const feed = outboxFeed(db, service.eventSchema);
    app.get('/events', internalOnly, async (request, response, next) => {
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
  app.use(
    '/graphql',
    express.json({ limit: '50mb' }),
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        const context = (await service.context(req)) as Context & object;
        let caller: Promise<Caller> | undefined;
        (context as CallerSlot)[CALLER] = () => (caller ??= Promise.resolve(service.callerOf ? service.callerOf(req, context) : callerFromHeaders(req.headers)));
        return context;
      },
    }),
  );
  const router = express.Router();
  service.routes?.(router);
  // After /graphql, so the secret check guards only the service's own routes.
  app.use(internalOnly, router);
  // A body that is not JSON (or too large) gets a JSON error, never express's HTML page with a stack trace.
  app.use((error: { status?: number; type?: string }, _request: express.Request, response: express.Response, _next: express.NextFunction) => {
    const status = error.status && error.status >= 400 && error.status < 500 ? error.status : 500;
    const message = status === 500 ? 'internal error' : error.type === 'entity.parse.failed' ? 'the request body is not valid JSON' : 'the request cannot be read';
    if (status === 500) createLogger(service.name).error({ err: error }, 'request failed');
    response.status(status).json({ errors: [{ message, extensions: { code: status === 500 ? 'INTERNAL_SERVER_ERROR' : 'BAD_REQUEST' } }] });
  });

  const server: Server = keepIdleConnections(createServer(app));
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const base = `http://${options.host ?? '127.0.0.1'}:${port}`;
  return {
    base,
    url: `${base}/graphql`,
    close: async () => {
      await closeGracefully(server, CLOSE_GRACE_MS);
      await apollo.stop();
    },
  };
}
