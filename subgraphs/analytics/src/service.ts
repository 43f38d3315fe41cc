import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'graphql';
import { callerFromHeaders, ConsumerGroup, EventConsumer, migrateSchema, pollFailureLog, migrationsFromDir, responseCacheStore, settings, scheduledJob, type ScheduledJob, type ServiceDeps, type ServiceModule, type ServiceSchema, type SubgraphService } from '@huying/runtime';
import { scanForAlerts } from './alerts/alertScan';
import { responseCache } from './responseCache';
import { SHARED_SDL } from '@huying/schema';
import { ANALYTICS_ACCESS } from './access';
import { readModelVersion } from './readModelVersion';
import { csvExportRoutes } from './csvExport';
import { ANALYTICS_SCHEMA, applyAnalyticsEvents } from './projector';
import { resolvers, type AnalyticsContext } from './resolvers';

export const ANALYTICS_SDL = `${SHARED_SDL}\n${readFileSync(join(__dirname, 'analytics.graphql'), 'utf8')}`;

/** The services whose events make the read model. */
export const ANALYTICS_SOURCES = ['cases', 'dispatch', 'feedback'] as const;

export interface AnalyticsServiceOptions {
  pollMs?: number;
  batchSize?: number;
  /** When the emerging-issue scan runs (node-cron, Beijing time); null never (tests call `scanForAlerts`). Default hourly. */
  alertScanCron?: string | null;
}

/** Hourly, a few minutes past, in Beijing time: a day is judged once it has passed, so hourly finds it by 01:05. */
const ALERT_SCAN_CRON = '5 * * * *';

/** The running service; `drain()` applies every event available now (tests, catch-up). */
export interface AnalyticsService extends SubgraphService<AnalyticsContext> {
  drain(): Promise<number>;
}

export interface AnalyticsModule extends ServiceModule<AnalyticsContext> {
  create(deps: ServiceDeps): Promise<AnalyticsService>;
}

/** The analytics service's own schema, as its migrations make it. */
const analyticsSchema: ServiceSchema = { name: ANALYTICS_SCHEMA, migrations: () => migrationsFromDir(join(__dirname, '..', 'migrations')) };

/** The 三率, trends, hotspots and the open-case map, from a read model the other services' events keep current. */
export function analyticsService(options: AnalyticsServiceOptions = {}): AnalyticsModule {
  return {
    name: 'analytics',
    schema: analyticsSchema,
    sdl: ANALYTICS_SDL,
    async create({ db, clock, log, feed }) {
      await migrateSchema(db, analyticsSchema);
      let batchesApplied = 0;
      // No store (and no Redis connection) when the cache is off.
      const store = settings.responseCacheOn ? responseCacheStore() : null;
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
              onApplied: () => (batchesApplied += 1),
              onError: pollFailureLog(log, `analytics reading the ${source} events`),
            }),
        ),
      );
      const scanCron = options.alertScanCron === undefined ? ALERT_SCAN_CRON : options.alertScanCron;
      let alertTask: ScheduledJob | undefined;
      return {
        name: 'analytics',
        typeDefs: parse(ANALYTICS_SDL),
        resolvers,
        context: (request) => ({ db, clock, caller: callerFromHeaders(request.headers) }),
        access: ANALYTICS_ACCESS,
        plugins: store ? responseCache({ cache: store.cache, clock, readModelVersion: () => batchesApplied }) : [],
        routes: (router) => {
          csvExportRoutes(router, { db, clock });
          // for the gateway's one watch per process, shared by every dashboard it pushes changes to (its secret only: an opaque number)
          router.get('/read-model/version', (_request, response, next) => {
            readModelVersion(db).then((version) => response.json({ version }), next);
          });
        },
        drain: () => consumers.drain(),
        start: () => {
          consumers.start();
          if (scanCron) {
            const scan = async () => {
              try {
                const found = await scanForAlerts(db, clock.now());
                if (found.raised || found.grown) log.info(found, 'emerging-issue alerts');
              } catch (error) {
                log.warn({ err: error }, 'the emerging-issue scan failed');
              }
            };
            alertTask = scheduledJob(scanCron, scan, { timezone: 'Asia/Shanghai' });
          }
        },
        stop: async () => {
          await alertTask?.stop();
          await consumers.stop();
          await store?.close();
        },
      };
    },
  };
}
