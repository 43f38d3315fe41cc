import { checkCredentials, createLogger, settings, stopOnSignal } from '@huying/runtime';
import { DEVELOPMENT_OPERATORS_FILE, gatewaySettings } from './config';
import { startHubGateway } from './hubGateway';
import { OperatorDirectory, readOperatorsFile } from './operators';
import { readSupergraph } from './supergraphFile';

/**
 * `npm run start -w @huying/gateway`: the gateway alone (a deployment), over the checked-in supergraph,
 * reaching the subgraphs at HUYING_SERVICE_URLS (the others at the supergraph's routing URLs).
 */
async function main() {
  const log = createLogger('gateway');
  if (gatewaySettings.operatorsFileIsDevelopment) {
    // A deployed gateway must not let the published development tokens in by accident.
    throw new Error('HUYING_OPERATORS_FILE is not set: a standalone gateway needs its operators file (point it at gateway/config/operators.development.json to use the development operators on purpose)');
  }
  checkCredentials(log, 'production', gatewaySettings.operatorsFile === DEVELOPMENT_OPERATORS_FILE ? ['HUYING_OPERATORS_FILE is the development operators file'] : []);
  const operators = new OperatorDirectory(readOperatorsFile(gatewaySettings.operatorsFile));
  const starting = startHubGateway({
    supergraphSdl: readSupergraph(),
    subgraphBases: settings.serviceUrls,
    port: gatewaySettings.port,
    host: gatewaySettings.host,
    operators,
    development: settings.environment === 'development', // a deployment: no introspection, hints or Sandbox unless HUYING_ENV=development
  });
  stopOnSignal(log, async () => (await starting).close());
  const gateway = await starting;
  log.info({ url: gateway.url, operators: operators.size, subgraphs: settings.serviceUrls }, 'gateway listening at %s', gateway.url);
}

void main().catch((error) => {
  console.error((error as Error).message ?? error);
  process.exit(1);
});
