import { dashboardRoutes } from '@huying/analytics';
import { DISPATCH_SCHEMA, dispatchSettings, serveAssignmentSubscriptions, type AssignmentSubscriptionServer } from '@huying/dispatch';
import { onOutboxCommitted, settings } from '@huying/runtime';
import { identifyCaller, subgraphHeadersOf } from './callerIdentity';
import { consoleRoutes } from './consoleRoutes';
import { startGateway, type GatewayOptions, type RunningGateway } from './gatewayServer';
import { OperatorDirectory } from './operators';

export type HubGatewayOptions = Omit<GatewayOptions, 'routes' | 'onServer'>;

/**
 * The gateway with everything served beside the graph, the same in the embedded hub and in a deployment:
 * the operators' console at /console, the command-centre page at /dashboard and the CSV exports at /export/*.csv (analytics), and the
 * department systems' WebSocket subscriptions (graphql-ws) at /graphql, fed by dispatch's outbox.
 */
export async function startHubGateway(options: HubGatewayOptions): Promise<RunningGateway> {
  let subscriptions: AssignmentSubscriptionServer | undefined;
  const operators = options.operators ?? new OperatorDirectory([]);
  const gatewaySecret = options.gatewaySecret ?? settings.gatewaySecret;
  const gateway = await startGateway({
    ...options,
    routes: (router, subgraphBase) => {
      consoleRoutes(router);
      dashboardRoutes(router, {
        analyticsBase: () => subgraphBase('analytics'),
        // The CSV exports answer the caller's role, as the graph does.
        callerHeaders: (request) => subgraphHeadersOf(identifyCaller(request.headers, operators), gatewaySecret),
      });
    },
    onServer: (server, subgraphBase) => {
      if (subgraphBase('dispatch')) {
        subscriptions = serveAssignmentSubscriptions({
          server,
          dispatchBase: () => subgraphBase('dispatch'),
          pollMs: dispatchSettings.subscriptionPollMs,
          // In the embedded hub dispatch commits in this process; deployed, this never fires and polling serves.
          onDispatchAppend: (listener) => onOutboxCommitted(() => DISPATCH_SCHEMA, listener),
        });
      }
    },
  });
  return {
    ...gateway,
    close: async () => {
      await subscriptions?.close();
      await gateway.close();
    },
  };
}
