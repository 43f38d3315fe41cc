import { systemClock } from './clock';
import { settings } from './config';
import { checkCredentials } from './credentialCheck';
import { openDatabase } from './database';
import { httpEventFeed } from './events';
import { relayOutboxNotifications } from './outboxSignal';
import { createLogger, type Logger } from './logger';
import { serveSubgraph } from './serve';
import { stopOnSignal } from './stopOnSignal';
import type { AnyServiceModule } from './service';

/**
 * Runs one service on its own (a deployment): PostgreSQL from DATABASE_URL, the other services at
 * HUYING_SERVICE_URLS, listening on PORT.
 */
export async function runStandalone(module: AnyServiceModule): Promise<void> {
  const log = createLogger(module.name);
  if (!settings.databaseUrl) log.warn('DATABASE_URL is not set: using PGlite in %s', settings.dataDir);
  checkCredentials(log, 'production');
  const starting = startService(module, log);
  stopOnSignal(log, async () => (await starting).stop());
  const { url } = await starting;
  log.info({ url }, '%s subgraph listening', module.name);
}

/** Opens the database, serves the service and starts it; `stop` stops it all in order. */
async function startService(module: AnyServiceModule, log: Logger): Promise<{ url: string; stop(): Promise<void> }> {
  const db = await openDatabase({ url: settings.databaseUrl, dataDir: settings.dataDir });
  // Another service's commit wakes this one's consumers at once (a producer's outbox schema is its name).
  const stopRelay = await relayOutboxNotifications(db);
  const service = await module.create({
    db,
    clock: systemClock,
    log,
    feed: (name) => httpEventFeed(() => settings.serviceUrls[name], () => name),
    endpoint: (name) => (settings.serviceUrls[name] ? `${settings.serviceUrls[name]}/graphql` : undefined),
  });
  const served = await serveSubgraph(service, db, { port: settings.port, host: '0.0.0.0' });
  await service.start?.();
  return {
    url: served.url,
    stop: async () => {
      await service.stop?.();
      await served.close();
      await stopRelay();
      await db.close();
    },
  };
}
