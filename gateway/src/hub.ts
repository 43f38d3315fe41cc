import {
  createLogger,
  httpEventFeed,
  openDatabase,
  serveSubgraph,
  settings,
  systemClock,
  type Clock,
  type Database,
  type ServedSubgraph,
  type AnyServiceModule,
  type SubgraphService,
} from '@huying/runtime';
import { serveAssignmentSubscriptions, dispatchSettings, type AssignmentSubscriptionServer } from '@huying/dispatch';
import { dashboardRoutes } from '@huying/analytics';
import { startGateway, type RunningGateway } from './gatewayServer';
import { hubServices } from './services';
import { readSupergraph } from './supergraphFile';

export interface HubOptions {
  /** Defaults to PGlite in HUYING_DATA, or the server at DATABASE_URL. */
  db?: Database;
  clock?: Clock;
  port?: number;
  host?: string;
  services?: AnyServiceModule[];
  supergraphSdl?: string;
}

export interface RunningHub {
  gateway: RunningGateway;
  /** GraphQL endpoint of the gateway. */
  url: string;
  db: Database;
  subgraphs: Record<string, ServedSubgraph>;
  services: Record<string, SubgraphService<unknown>>;
  close(): Promise<void>;
}

/**
 * Every subgraph and the gateway in one process. Subgraphs listen on loopback ports of their own
 * and the gateway reaches them over HTTP, exactly as in a deployment.
 */
export async function startHub(options: HubOptions = {}): Promise<RunningHub> {
  const ownsDb = !options.db;
  const db = options.db ?? (await openDatabase({ url: settings.databaseUrl, dataDir: settings.dataDir }));
  const clock = options.clock ?? systemClock;
  const subgraphs: Record<string, ServedSubgraph> = {};
  const services: Record<string, SubgraphService<unknown>> = {};
  const bases: Record<string, string> = {};

  try {
    for (const module of options.services ?? hubServices()) {
      const service = await module.create({
        db,
        clock,
        log: createLogger(module.name),
        feed: (name) => httpEventFeed(() => bases[name]),
        endpoint: (name) => (bases[name] ? `${bases[name]}/graphql` : undefined),
      });
      const served = await serveSubgraph(service, db);
      subgraphs[module.name] = served;
      services[module.name] = service;
      bases[module.name] = served.base;
    }
    for (const service of Object.values(services)) await service.start?.();
    let subscriptions: AssignmentSubscriptionServer | undefined;
    const gateway = await startGateway({
      supergraphSdl: options.supergraphSdl ?? readSupergraph(),
      subgraphBases: bases,
      port: options.port ?? 0,
      host: options.host,
      // The command-centre page at /dashboard (it queries this gateway's /graphql) and the CSV exports at /export/*.csv.
      routes: (router) => dashboardRoutes(router, { analyticsBase: () => bases.analytics }),
      // Department systems subscribe over WebSocket (graphql-ws) at the gateway's /graphql, fed by dispatch's outbox.
      onServer: (server) => {
        if (services.dispatch) {
          subscriptions = serveAssignmentSubscriptions({ server, dispatchBase: () => bases.dispatch, pollMs: dispatchSettings.subscriptionPollMs });
        }
      },
    });
    return {
      gateway,
      url: gateway.url,
      db,
      subgraphs,
      services,
      close: async () => {
        await subscriptions?.close();
        await gateway.close();
        for (const service of Object.values(services).reverse()) await service.stop?.();
        for (const served of Object.values(subgraphs)) await served.close();
        if (ownsDb) await db.close();
      },
    };
  } catch (error) {
    for (const service of Object.values(services)) await service.stop?.();
    for (const served of Object.values(subgraphs)) await served.close();
    if (ownsDb) await db.close();
    throw error;
  }
}
