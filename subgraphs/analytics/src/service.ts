import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'graphql';
import { ConsumerGroup, EventConsumer, migrate, migrationsFromDir, type ServiceDeps, type ServiceModule, type SubgraphService } from '@huying/runtime';
import { SHARED_SDL } from '@huying/schema';
import { ANALYTICS_ACCESS } from './access';
import { csvExportRoutes } from './csvExport';
import { ANALYTICS_SCHEMA, applyAnalyticsEvents } from './projector';
import { resolvers, type AnalyticsContext } from './resolvers';

export const ANALYTICS_SDL = `${SHARED_SDL}\n${readFileSync(join(__dirname, 'analytics.graphql'), 'utf8')}`;

/** The services whose events make the read model. */
export const ANALYTICS_SOURCES = ['cases', 'dispatch', 'feedback'] as const;

export interface AnalyticsServiceOptions {
  pollMs?: number;
  batchSize?: number;
}

/** The running service; `drain()` applies every event available now (tests, catch-up). */
export interface AnalyticsService extends SubgraphService<AnalyticsContext> {
  drain(): Promise<number>;
}

export interface AnalyticsModule extends ServiceModule<AnalyticsContext> {
  create(deps: ServiceDeps): Promise<AnalyticsService>;
}

/** The 三率, trends, hotspots and the open-case map, from a read model the other services' events keep current. */
export function analyticsService(options: AnalyticsServiceOptions = {}): AnalyticsModule {
  return {
    name: 'analytics',
    sdl: ANALYTICS_SDL,
    async create({ db, clock, log, feed }) {
      await migrate(db, ANALYTICS_SCHEMA, migrationsFromDir(join(__dirname, '..', 'migrations')));
      const consumers = new ConsumerGroup(
        ANALYTICS_SOURCES.map(
          (source) =>
            new EventConsumer({
              db,
              schema: ANALYTICS_SCHEMA,
              name: `analytics<-${source}`,
              feed: feed(source),
              handleBatch: applyAnalyticsEvents,
              pollMs: options.pollMs,
              batchSize: options.batchSize,
              onError: (error) => log.warn({ err: error }, 'analytics could not read the %s events', source),
            }),
        ),
      );
      return {
        name: 'analytics',
        typeDefs: parse(ANALYTICS_SDL),
        resolvers,
        context: () => ({ db, clock }),
        access: ANALYTICS_ACCESS,
        routes: (router) => csvExportRoutes(router, { db, clock }),
        drain: () => consumers.drain(),
        start: () => consumers.start(),
        stop: () => consumers.stop(),
      };
    },
  };
}
