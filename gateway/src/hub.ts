import {
  createLogger,
  httpEventFeed,
  openHubDatabase,
  relayOutboxNotifications,
  serveSubgraph,
  settings,
  systemClock,
  type Clock,
  type Database,
  type ServedSubgraph,
  type AnyServiceModule,
  type SubgraphService,
} from '@huying/runtime';
import type { SimulatedPace } from '@huying/connector-kit';
import type { RunningGateway } from './gatewayServer';
import { startHubGateway } from './hubGateway';
import { hashOperatorToken, mintOperatorToken, OperatorDirectory, readOperatorsFile, type Operator } from './operators';
import { httpGraphClient, scheduleCity, SimulatedCity } from './simulation/simulatedCity';
import { gatewaySettings } from './config';
import { hubSchemas, hubServices } from './services';
import { readSupergraph } from './supergraphFile';

export interface HubOptions {
  /** Defaults to PGlite in HUYING_DATA, or the server at DATABASE_URL. */
  db?: Database;
  clock?: Clock;
  port?: number;
  host?: string;
  services?: AnyServiceModule[];
  /**
   * Start the legacy-system simulators (and pull from them). Default: HUYING_SIMULATORS (on) when the hub
   * opens its own database (`npm start`); a hub handed a database (tests) starts none unless asked.
   */
  simulators?: boolean;
  supergraphSdl?: string;
  /** Who signs in at the gateway; default: the file at HUYING_OPERATORS_FILE (the development operators if unset). */
  operators?: readonly Operator[];
  /**
   * With the simulators, the city's departments and citizens act too (sign, resolve, escalate, rate), every
   * this many ms (default 5000; 0: never on their own — tests call `city.tick()`).
   */
  cityEveryMs?: number;
  /**
   * How far back the simulated channels' history reaches and how busy the city is. Default: HUYING_SIMULATOR_*
   * when the hub opens its own database (`npm start`); a hub handed a database gets each simulator's own (a day).
   */
  simulatorPace?: SimulatedPace;
}

export interface RunningHub {
  gateway: RunningGateway;
  /** GraphQL endpoint of the gateway. */
  url: string;
  db: Database;
  subgraphs: Record<string, ServedSubgraph>;
  services: Record<string, SubgraphService<unknown>>;
  /** The simulated departments and citizens, when the simulators run. */
  city: SimulatedCity | null;
  close(): Promise<void>;
}

/**
 * Every subgraph and the gateway in one process. Subgraphs listen on loopback ports of their own
 * and the gateway reaches them over HTTP, exactly as in a deployment.
 */
export async function startHub(options: HubOptions = {}): Promise<RunningHub> {
  const ownsDb = !options.db;
  const simulators = options.simulators ?? (ownsDb && gatewaySettings.simulators);
  const modules = options.services ?? hubServices({ simulators, simulatorPace: options.simulatorPace ?? (ownsDb ? gatewaySettings.simulatorPace : undefined) });
  const db = options.db ?? (await openHubDatabase({ url: settings.databaseUrl, dataDir: settings.dataDir }, hubSchemas(modules)));
  const clock = options.clock ?? systemClock;
  const subgraphs: Record<string, ServedSubgraph> = {};
  const services: Record<string, SubgraphService<unknown>> = {};
  const bases: Record<string, string> = {};
  // The simulated city signs in like anyone, with tokens minted for this run only and never written down.
  const cityTokens = simulators ? { admin: mintOperatorToken(), callback: mintOperatorToken() } : null;
  const cityOperators: Operator[] = cityTokens
    ? [
        { id: 'simulated-department-registry', name: '模拟部门系统登记 (simulation)', role: 'ADMIN', tokenSha256: hashOperatorToken(cityTokens.admin) },
        { id: 'simulated-callback-desk', name: '模拟回访坐席 (simulation)', role: 'CALLBACK', tokenSha256: hashOperatorToken(cityTokens.callback) },
      ]
    : [];
  let cityRun: { stop(): Promise<void> } | null = null;
  let stopRelay: () => Promise<void> = async () => undefined;
  let gateway: RunningGateway | undefined;

  try {
    for (const module of modules) {
      const service = await module.create({
        db,
        clock,
        log: createLogger(module.name),
        feed: (name) => httpEventFeed(() => bases[name], () => services[name]?.eventSchema),
        endpoint: (name) => (bases[name] ? `${bases[name]}/graphql` : undefined),
      });
      const served = await serveSubgraph(service, db);
      subgraphs[module.name] = served;
      services[module.name] = service;
      bases[module.name] = served.base;
    }
    // Another replica's commits are heard here as this process's own are: consumers wake at once, and the
    // gateway's kept operator list moves on (PGlite is one process's alone: nothing to relay).
    if (db.kind === 'postgres') stopRelay = await relayOutboxNotifications(db);
    gateway = await startHubGateway({
      hearsEveryCommit: true,
      supergraphSdl: options.supergraphSdl ?? readSupergraph(),
      subgraphBases: bases,
      port: options.port ?? 0,
      host: options.host,
      clock,
      operators: new OperatorDirectory([...(options.operators ?? readOperatorsFile(gatewaySettings.operatorsFile)), ...cityOperators]),
    });
    // Consumers, schedules and pullers begin once the whole hub answers: the simulators' first pull (hundreds
    // of reports through the duplicate filter) would otherwise compete with the gateway's own start.
    for (const service of Object.values(services)) await service.start?.();
    const running = gateway;
    const city = cityTokens ? new SimulatedCity(httpGraphClient(() => running.url), cityTokens, clock) : null;
    const cityEveryMs = options.cityEveryMs ?? 5000;
    if (city && cityEveryMs > 0) cityRun = scheduleCity(city, cityEveryMs, createLogger('simulated-city'));
    return {
      gateway: running,
      url: running.url,
      db,
      subgraphs,
      services,
      city,
      close: async () => {
        await cityRun?.stop();
        await running.close();
        for (const service of Object.values(services).reverse()) await service.stop?.();
        for (const served of Object.values(subgraphs)) await served.close();
        await stopRelay();
        if (ownsDb) await db.close();
      },
    };
  } catch (error) {
    await stopRelay();
    await gateway?.close();
    for (const service of Object.values(services)) await service.stop?.();
    for (const served of Object.values(subgraphs)) await served.close();
    if (ownsDb) await db.close();
    throw error;
  }
}
