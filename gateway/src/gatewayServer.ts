import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:http';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControl } from '@apollo/server/plugin/cacheControl';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import { expressMiddleware } from '@as-integrations/express5';
import compression from 'compression';
import express, { type Router } from 'express';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { closeGracefully, createLogger, keepIdleConnections, settings } from '@huying/runtime';
import { answerCache, type AnswerCacheOptions } from './answerCache';
import { browserRevalidation } from './browserRevalidation';
import { identifyCaller, subgraphHeadersOf } from './callerIdentity';
import { gatewaySettings, type GatewayLimits } from './config';
import { maskInternalErrors } from './errorMasking';
import { jsonErrors, notFound } from './httpErrors';
import { OperatorDirectory } from './operators';
import { queryLimits } from './queryLimits';
import { rateLimit } from './rateLimit';
import { type SharedAnswers } from './sharedAnswers';
import { SubgraphDataSource, type GatewayContext } from './subgraphDataSource';

/** A subgraph's base URL (`http://host:port`) by name: the one given, else the supergraph's routing URL. */
export type SubgraphBase = (name: string) => string | undefined;

/** Runs one operation on the gateway's graph in process, as the caller an `Authorization` header names. */
export type AskGraph = (
  operation: { query: string; variables?: Record<string, unknown> },
  caller: { authorization?: string; requestId?: string },
) => Promise<{ data?: Record<string, any> | null; errors?: readonly GraphQLFormattedError[] }>;

export interface GatewayOptions {
  supergraphSdl: string;
  /** Each subgraph's base URL (`http://host:port`) by name; GraphQL is at `/graphql` below it. Unnamed ones use the supergraph's routing URL. */
  subgraphBases: Record<string, string>;
  /** Subgraphs whose identical queries in flight at once are sent once (`SubgraphDataSource`); none by default. */
  sharedInFlight?: ReadonlySet<string>;
  /**
   * Answers every caller of one scope shares (the dashboard's aggregates): a browser may keep them and
   * revalidate by ETag (`browserRevalidation`), and the gateway keeps them when `answerCache` is given.
   * None by default: every answer is 'no-store'.
   */
  sharedAnswers?: SharedAnswers;
  /** The gateway's own cache of shared answers (`answerCache`); none by default. */
  answerCache?: AnswerCacheOptions;
  port?: number;
  host?: string;
  /** Who signs in with an operator token (none: every caller is anonymous or a department). */
  operators?: OperatorDirectory;
  /** Added to every subgraph request so subgraphs trust the role beside it (default HUYING_GATEWAY_SECRET). */
  gatewaySecret?: string;
  /**
   * Introspection, "Did you mean …" hints and the Apollo Sandbox page are for development only. Default:
   * on unless HUYING_ENV=production (the embedded hub's rule); the standalone gateway passes its own.
   */
  development?: boolean;
  /** Overrides of the request limits (default: gatewaySettings.limits, read from HUYING_MAX_* and HUYING_RATE_LIMIT). */
  limits?: Partial<GatewayLimits>;
  /** More routes on the gateway's server (dashboards, Open311); `ask` puts their questions to the graph as their caller. */
  routes?(router: Router, subgraphBase: SubgraphBase, ask: AskGraph): void;
  /** Lets a caller attach more to the HTTP server (e.g. WebSocket subscriptions). */
  onServer?(server: Server, subgraphBase: SubgraphBase): void | Promise<void>;
}

export interface RunningGateway {
  url: string;
  base: string;
  server: Server;
  close(): Promise<void>;
}


/** Answers from this size go compressed to a client that accepts it (kept answers compressed once, the rest by `compression`). */
const COMPRESS_FROM_BYTES = 1024;

/** How long a stopping gateway lets requests under way finish before it cuts every connection. */
const CLOSE_GRACE_MS = 2_000;

export async function startGateway(options: GatewayOptions): Promise<RunningGateway> {
  const operators = options.operators ?? new OperatorDirectory([]);
  const gatewaySecret = options.gatewaySecret ?? settings.gatewaySecret;
  const development = options.development ?? settings.environment !== 'production';
  const limits: GatewayLimits = { ...gatewaySettings.limits, ...options.limits };
  const log = createLogger('gateway');
  const { plugins, validationRules, parseOptions } = queryLimits(limits, development);
  const kept = options.sharedAnswers && options.answerCache ? answerCache(options.sharedAnswers, { compressFrom: COMPRESS_FROM_BYTES, ...options.answerCache }) : undefined;
  // Filled as the gateway builds a data source per subgraph of the supergraph (during apollo.start()).
  const bases: Record<string, string> = { ...options.subgraphBases };
  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl,
    // The supergraph is @apollo/composition's output, checked on every CI run (`compose:check`);
    // validating it again at each start costs 0.2 s of the cold start (Apollo skips it in production too).
    validateSupergraph: false,
    buildService: ({ name, url }) => {
      bases[name] ??= (url ?? '').replace(/\/graphql$/, '');
      return new SubgraphDataSource({ url: `${bases[name]}/graphql` }, name, options.sharedInFlight?.has(name) ?? false);
    },
  });
  const apollo = new ApolloServer<GatewayContext>({
    gateway: gateway as never,
    includeStacktraceInErrorResponses: false,
    // Apollo indents every answer by default: more bytes on the wire for a client that parses them anyway.
    stringifyResult: kept?.text.stringifyResult ?? ((value) => JSON.stringify(value)),
    formatError: maskInternalErrors(log),
    introspection: development,
    validationRules,
    parseOptions,
    plugins: [
      ...plugins,
      // The answer's cache policy (from the subgraphs' Cache-Control) is for the gateway's own cache; what a
      // browser may keep is browserRevalidation's to say.
      ApolloServerPluginCacheControl({ calculateHttpHeaders: false }),
      ...(kept?.plugins ?? []),
      // after the answer cache: its headers are seen to last
      browserRevalidation(options.sharedAnswers),
      development ? ApolloServerPluginLandingPageLocalDefault() : ApolloServerPluginLandingPageDisabled(),
    ],
    // embedded.ts and gatewayMain.ts stop the gateway (and the hub) in order on SIGINT/SIGTERM (`stopOnSignal`).
    stopOnTerminationSignals: false,
  });
  await apollo.start();

  const app = express();
  // Load balancers poll /health; everything after it counts against the caller's rate.
  app.get('/health', async (_request, response) => {
    const subgraphs = Object.fromEntries(
      await Promise.all(
        Object.entries(bases).map(async ([name, base]) => [name, await subgraphState(base)] as const),
      ),
    );
    const allUp = Object.values(subgraphs).every((state) => state === 'up');
    response.status(allUp ? 200 : 503).json({ status: allUp ? 'up' : 'degraded', subgraphs });
  });
  app.use(rateLimit(limits.rateLimitPerMinute));
  // Answers over 1 KB go gzip- or deflate-compressed to a client that asks (Accept-Encoding): the dashboard's
  // answer is 134 KB of JSON, a CSV export far more.
  app.use(compression({ threshold: COMPRESS_FROM_BYTES }));
  const router = express.Router();
  const subgraphBase: SubgraphBase = (name) => bases[name];
  // The same caller identity and limits as /graphql, without a second trip through HTTP.
  const ask: AskGraph = async (operation, { authorization, requestId }) => {
    let caller;
    try {
      caller = identifyCaller({ authorization, 'x-request-id': requestId }, operators);
    } catch (error) {
      if (error instanceof GraphQLError) return { errors: [error.toJSON()] };
      throw error;
    }
    const answer = await apollo.executeOperation(operation, { contextValue: { subgraphHeaders: subgraphHeadersOf(caller, gatewaySecret) } });
    if (answer.body.kind !== 'single') throw new Error('an operation of a route answered incrementally');
    return answer.body.singleResult;
  };
  options.routes?.(router, subgraphBase, ask);
  app.use(router);
  app.use(
    '/graphql',
    ...(kept ? [kept.text.writesAnswers] : []),
    express.json({ limit: limits.maxBodyBytes }),
    expressMiddleware(apollo, {
      // An operator token becomes a role only here; a client's own role header never reaches a subgraph.
      context: async ({ req }) => ({ subgraphHeaders: subgraphHeadersOf(identifyCaller(req.headers, operators), gatewaySecret) }),
    }),
  );
  app.use(notFound);
  app.use(jsonErrors(log));

  const server = keepIdleConnections(createServer(app));
  await options.onServer?.(server, subgraphBase);
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const base = `http://${options.host === '0.0.0.0' ? '127.0.0.1' : options.host ?? '127.0.0.1'}:${port}`;
  return {
    url: `${base}/graphql`,
    base,
    server,
    close: async () => {
      // Streams that never end (dashboards following /dashboard/changes) are cut after the grace, or the
      // gateway would never stop.
      await closeGracefully(server, CLOSE_GRACE_MS);
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
