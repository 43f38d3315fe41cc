export { startHub, type HubOptions, type RunningHub } from './hub';
export { startGateway, type GatewayOptions, type RunningGateway, type SubgraphBase } from './gatewayServer';
export { startHubGateway, type HubGatewayOptions } from './hubGateway';
export {
  OperatorDirectory,
  readOperatorsFile,
  parseOperators,
  hashOperatorToken,
  mintOperatorToken,
  OPERATOR_TOKEN_PREFIX,
  type Operator,
} from './operators';
export { composeSupergraph, composeHubSupergraph, type SubgraphSdl } from './compose';
export { readSupergraph } from './supergraphFile';
export { hubServices } from './services';
export { gatewaySettings, DEVELOPMENT_OPERATORS_FILE } from './config';
export { CITY_BEHAVIOUR } from './simulation/cityBehaviour';
