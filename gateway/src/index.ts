export { startHub, type HubOptions, type RunningHub } from './hub';
export { startGateway, type GatewayOptions, type RunningGateway } from './gatewayServer';
export { composeSupergraph, type SubgraphSdl } from './compose';
export { composeHubSupergraph, readSupergraph } from './supergraphFile';
export { hubServices } from './services';
export { gatewaySettings } from './config';
