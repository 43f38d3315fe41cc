import { checkCredentials, createLogger, ensurePgliteTemplate, replenishSpare, settings, stopOnSignal } from '@huying/runtime';
import { DEVELOPMENT_OPERATORS_FILE, gatewaySettings } from './config';
import { startHub } from './hub';
import { hubSchemas } from './services';

/** `npm start`: the whole hub in one process, on PGlite unless DATABASE_URL is set; stops in order on SIGINT/SIGTERM. */
export async function runEmbeddedHub(): Promise<void> {
  const log = createLogger('huying');
  const started = Date.now();
  // The embedded hub is for development unless HUYING_ENV=production says otherwise.
  checkCredentials(
    log,
    'development',
    gatewaySettings.operatorsFile === DEVELOPMENT_OPERATORS_FILE
      ? ['HUYING_OPERATORS_FILE is unset: the development operators (tokens hyop_dev_admin, hyop_dev_command_centre, hyop_dev_supervisor) can sign in']
      : [],
  );
  const starting = startHub({ port: gatewaySettings.port, host: gatewaySettings.host });
  stopOnSignal(log, async () => (await starting).close());
  const hub = await starting;
  log.info(
    {
      storage: hub.db.kind === 'pglite' ? `PGlite in ${settings.dataDir}` : 'PostgreSQL (DATABASE_URL)',
      coldStartMs: Date.now() - started,
      sinceProcessStartMs: Math.round(process.uptime() * 1000),
      // where each service answers inside the hub (benchmarks ask a subgraph directly)
      subgraphs: Object.fromEntries(Object.entries(hub.subgraphs).map(([name, served]) => [name, served.base])),
    },
    'Huying 呼应 is up: GraphQL at %s, health at %s/health',
    hub.url,
    hub.gateway.base,
  );
}

/** `npm install`: the embedded database's template with every schema of the hub migrated, and its spare (see `openHubDatabase`). */
export async function prepareEmbeddedDatabase(): Promise<{ made: boolean; ms: number }> {
  const template = await ensurePgliteTemplate(hubSchemas());
  await replenishSpare();
  return template;
}
