import DataLoader from 'dataloader';
import { parse } from 'graphql';
import cron, { type ScheduledTask } from 'node-cron';
import { gatewayHeaders, loaderByKey, migrateSchema, type Clock, type ServiceDeps, type ServiceModule, type ServiceSchema, type SubgraphService } from '@huying/runtime';
import { SHARED_SDL, sharedScalarResolvers, type Channel } from '@huying/schema';
import type { ChannelAdapter } from './adapter';
import { connectorRoutes } from './adminRoutes';
import type { BackoffPolicy } from './backoff';
import { ConnectorStore } from './connectorStore';
import { graphqlIntake, type Intake } from './intakeClient';
import { connectorMigrations } from './kitMigrations';
import { Puller } from './puller';
import type { RunningSimulator } from './simulation/server';
import { SourceClient } from './sourceClient';

/** Where and how a connector reaches its legacy system; each channel's config.ts fills these. */
export interface SourceSettings {
  /** The legacy system's base URL; unset = no pulling (unless a simulator is started). */
  url?: string;
  /** node-cron expression (6 fields = with seconds), e.g. every 10 s: `*\/10 * * * * *`. */
  schedule: string;
  ratePerSecond: number;
  timeoutMs: number;
  pageSize: number;
  backoff?: Partial<BackoffPolicy>;
  maxPagesPerRun?: number;
}

export interface ChannelServiceOptions<Raw> {
  /** Service name in the hub, e.g. `hotline`. */
  name: string;
  /** Its own PostgreSQL schema, e.g. `hotline`. */
  schema: string;
  adapter: ChannelAdapter<Raw>;
  /** The field it adds to `Report`, e.g. `hotlineTicket` (its SDL comes from `channelSdl`). */
  nativeField: string;
  source: SourceSettings;
  /** Starts the legacy system's simulator and pulls from it (the embedded default). */
  simulator?: (clock: Clock) => Promise<RunningSimulator>;
  /** Where reports go; default `submitReports` on the `cases` service over HTTP. */
  intake?: Intake;
}

export interface ChannelContext {
  loaders: { nativeBySourceId: DataLoader<string, Record<string, unknown> | null> };
}

/** A channel's running service, with its puller and simulator reachable for tests and the CLI. */
export interface ChannelSubgraph<Raw> extends SubgraphService<ChannelContext> {
  channel: Channel;
  puller: Puller<Raw> | null;
  client: SourceClient | null;
  simulator: RunningSimulator | null;
  store: ConnectorStore;
}

export interface ChannelServiceModule<Raw> extends ServiceModule<ChannelContext> {
  create(deps: ServiceDeps): Promise<ChannelSubgraph<Raw>>;
}

/** The SDL a channel subgraph adds: its native type, and `Report` extended through `channel sourceId`. */
export function channelSdl(options: { nativeField: string; nativeType: string; nativeSdl: string; description: string }): string {
  return `${SHARED_SDL}
${options.nativeSdl}

type Report @key(fields: "channel sourceId") {
  channel: Channel!
  sourceId: String!
  "${options.description} Null on reports of other channels."
  ${options.nativeField}: ${options.nativeType}
}
`;
}

/**
 * A channel's connector as a subgraph: its puller on a node-cron schedule, its tables in its own schema,
 * the admin routes the `connectors` subgraph calls, and its native field on `Report`.
 */
export function channelService<Raw>(options: ChannelServiceOptions<Raw> & { sdl: string }): ChannelServiceModule<Raw> {
  const { adapter, name, schema, nativeField } = options;
  const ownSchema: ServiceSchema = { name: schema, migrations: () => connectorMigrations(schema) };
  return {
    name,
    schema: ownSchema,
    sdl: options.sdl,
    async create(deps) {
      await migrateSchema(deps.db, ownSchema);
      const store = new ConnectorStore(schema, adapter.channel);
      const sealed = await store.sealClearRows(deps.db);
      if (sealed) deps.log.info({ sealed }, '%s: sealed records kept in clear before sealing existed', name);
      const simulator = options.simulator ? await options.simulator(deps.clock) : null;
      const url = simulator?.url ?? options.source.url;
      const client = url
        ? new SourceClient({ baseUrl: url, ratePerSecond: options.source.ratePerSecond, timeoutMs: options.source.timeoutMs, backoff: options.source.backoff })
        : null;
      const puller = client
        ? new Puller<Raw>({
            adapter,
            client,
            store,
            db: deps.db,
            clock: deps.clock,
            log: deps.log,
            // Straight to the cases service, as the hub's own intake system for this channel.
            intake: options.intake ?? graphqlIntake(() => deps.endpoint('cases'), { headers: () => gatewayHeaders(`INTAKE:${adapter.channel}`) }),
            maxPagesPerRun: options.source.maxPagesPerRun,
          })
        : null;
      let task: ScheduledTask | null = null;
      const pullQuietly = async () => {
        await puller?.pullOnce().catch(() => undefined);
      };

      return {
        name,
        channel: adapter.channel,
        puller,
        client,
        simulator,
        store,
        typeDefs: parse(options.sdl),
        resolvers: {
          ...sharedScalarResolvers,
          Report: {
            __resolveReference: (reference: { channel: Channel; sourceId: string }) => reference,
            [nativeField]: (report: { channel: Channel; sourceId: string }, _args: unknown, context: ChannelContext) =>
              report.channel === adapter.channel ? context.loaders.nativeBySourceId.load(report.sourceId) : null,
          },
        },
        // Only the Report's native field, reached through the gateway's entities.
        access: {},
        context: () => ({ loaders: { nativeBySourceId: loaderByKey((ids: readonly string[]) => store.nativeBySourceIds(deps.db, ids)) } }),
        routes: (router) =>
          connectorRoutes(router, { db: deps.db, clock: deps.clock, store, puller: puller as Puller<unknown> | null, personalFields: adapter.personalFields ?? [] }),
        start: () => {
          if (!puller) {
            deps.log.info('%s: no source configured; not pulling', name);
            return;
          }
          task = cron.schedule(options.source.schedule, pullQuietly, { noOverlap: true, name: `pull-${name}` });
          void pullQuietly();
        },
        stop: async () => {
          await task?.stop();
          await puller?.whenIdle();
          await client?.close();
          await simulator?.close();
        },
      };
    },
  };
}
