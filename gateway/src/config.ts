/**
 * The one place the gateway reads the environment (storage settings are @huying/runtime's). Examples:
 *
 *   PORT=4000                  # the gateway's port; GraphQL at /graphql, health at /health
 *   HOST=0.0.0.0               # the address to listen on (default 127.0.0.1)
 *   HUYING_SIMULATORS=0        # 0: start without the legacy-system simulators (default 1)
 *   HUYING_OPERATORS_FILE=/etc/huying/operators.json  # who signs in with `Authorization: Bearer <operator token>`, and in
 *                              # which role (default: gateway/config/operators.development.json, development tokens only;
 *                              # mint entries with `npm run operator-token -w @huying/gateway -- <id> <ROLE> <name>`)
 *
 * The standalone gateway (`npm run start -w @huying/gateway`) also reads @huying/runtime's settings:
 * HUYING_SERVICE_URLS (where each subgraph is; unset ones use the supergraph's routing URLs) and
 * HUYING_GATEWAY_SECRET (the internal secret it adds to every subgraph request; the subgraphs must share it).
 */
import { join, resolve } from 'node:path';

const env = process.env;

export const DEVELOPMENT_OPERATORS_FILE = join(__dirname, '..', 'config', 'operators.development.json');

export const gatewaySettings = {
  port: Number(env.PORT || 4000),
  host: env.HOST || '127.0.0.1',
  simulators: env.HUYING_SIMULATORS !== '0',
  operatorsFile: env.HUYING_OPERATORS_FILE ? resolve(env.HUYING_OPERATORS_FILE) : DEVELOPMENT_OPERATORS_FILE,
  operatorsFileIsDevelopment: !env.HUYING_OPERATORS_FILE,
} as const;
