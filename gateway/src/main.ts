import { createLogger, settings } from '@huying/runtime';
import { gatewaySettings } from './config';
import { startHub } from './hub';

/** `npm start`: the whole hub in one process, on PGlite unless DATABASE_URL is set. */
async function main() {
  const log = createLogger('huying');
  const started = Date.now();
  if (settings.contactKeyIsDefault) log.warn('HUYING_CONTACT_KEY is not set: contact hashes use a development key');
  if (gatewaySettings.operatorsFileIsDevelopment) log.warn('HUYING_OPERATORS_FILE is not set: the development operators (tokens hyop_dev_admin, hyop_dev_command_centre, hyop_dev_supervisor) can sign in');
  const hub = await startHub({ port: gatewaySettings.port, host: gatewaySettings.host });
  log.info(
    { storage: hub.db.kind === 'pglite' ? `PGlite in ${settings.dataDir}` : 'PostgreSQL (DATABASE_URL)', coldStartMs: Date.now() - started },
    'Huying 呼应 is up: GraphQL at %s, health at %s/health',
    hub.url,
    hub.gateway.base,
  );
  const shutdown = async () => {
    log.info('shutting down');
    await hub.close();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

void main().catch((error) => {
  console.error(error);
  process.exit(1);
});
