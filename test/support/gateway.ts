import { OperatorDirectory, readSupergraph, startGateway, type GatewayOptions, type RunningGateway, type RunningHub } from '@huying/gateway';
import { testOperators } from './operators';

/** Nothing listens on port 9 (discard) of loopback here: a subgraph the gateway can never reach. */
export const UNREACHABLE = 'http://127.0.0.1:9';

/**
 * A gateway of its own, configured by options alone (limits, development), over the checked-in supergraph;
 * operators sign in with `asOperator(role)`. Without `subgraphBases` every subgraph is unreachable, which
 * is all a test needs of what the gateway answers itself (limits, introspection, HTTP errors).
 */
export function startTestGateway(options: Partial<GatewayOptions> = {}): Promise<RunningGateway> {
  const supergraphSdl = readSupergraph();
  // Never the supergraph's routing URLs (http://cases:4001 …): a name lookup that could reach anything.
  const names = [...supergraphSdl.matchAll(/@join__graph\(name: "([^"]+)"/g)].map((match) => match[1]!);
  return startGateway({
    supergraphSdl,
    operators: new OperatorDirectory(testOperators()),
    ...options,
    subgraphBases: options.subgraphBases ?? Object.fromEntries(names.map((name) => [name, UNREACHABLE])),
  });
}

/** Where a running hub's subgraphs listen, by name: for a second gateway over the same hub. */
export function subgraphBasesOf(hub: RunningHub): Record<string, string> {
  return Object.fromEntries(Object.entries(hub.subgraphs).map(([name, served]) => [name, served.base]));
}
