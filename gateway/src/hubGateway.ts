import { alertSubscriptions, answerWindow, dashboardRoutes, ReadModelWatch, SHARED_ANSWERS } from '@huying/analytics';
import { open311Routes } from '@huying/open311';
import { assignmentSubscriptions, DISPATCH_SCHEMA, dispatchSettings } from '@huying/dispatch';
import { createLogger, gatewayHeaders, onEveryOutboxCommit, onOutboxCommitted, settings, systemClock, type Clock, type SubscriptionSource } from '@huying/runtime';
import { identifyCaller, subgraphHeadersOf } from './callerIdentity';
import { gatewaySettings } from './config';
import { consoleRoutes } from './consoleRoutes';
import { startGateway, type GatewayOptions, type RunningGateway } from './gatewayServer';
import { serveSubscriptions, type SubscriptionServer } from './subscriptionServer';
import { OperatorDirectory } from './operators';

export type HubGatewayOptions = Omit<GatewayOptions, 'routes' | 'onServer'> & {
  /** The hub's clock (Open311 stamps posted requests with it); default the system's. */
  clock?: Clock;
  /**
   * The gateway runs in the process of every service (the embedded hub) and so hears each outbox commit, its
   * replicas' relayed: the operator list is then kept too, until the next commit. A gateway on its own hears
   * none, and keeps the dashboard's aggregates alone.
   */
  hearsEveryCommit?: boolean;
};

/**
 * The gateway with everything served beside the graph, the same in the embedded hub and in a deployment:
 * the operators' console at /console, the command-centre page at /dashboard and the CSV exports at /export/*.csv (analytics),
 * Open311 GeoReport v2 at /open311/v2 (services, requests, tokens; JSON and XML), and the
 * subscriptions (graphql-ws) at /graphql: departments' assignment events, fed by dispatch's outbox, and the
 * command centre's alert changes, from analytics.
 */
export async function startHubGateway(options: HubGatewayOptions): Promise<RunningGateway> {
  let subscriptions: SubscriptionServer | undefined;
  const operators = options.operators ?? new OperatorDirectory([]);
  const gatewaySecret = options.gatewaySecret ?? settings.gatewaySecret;
  const clock = options.clock ?? systemClock;
  let analyticsBase = (): string | undefined => undefined;
  // One watch of the read model per gateway: it tells the screens following /dashboard/changes, and a change
  // it has read makes the answer cache's next answer fresh.
  const watch = ReadModelWatch.overHttp({
    analyticsBase: () => analyticsBase(),
    headers: () => gatewayHeaders(undefined, gatewaySecret),
    pollMs: gatewaySettings.dashboardChangePollMs,
  });
  let commitsHeard = 0;
  const stopHearing = options.hearsEveryCommit ? onEveryOutboxCommit(() => (commitsHeard += 1)) : () => undefined;
  const gateway = await startGateway({
    // the dashboard's aggregates: made once per change and scope at the gateway, and revalidated by a
    // screen's browser instead of fetched whole; the operator list (`cases`) made once per commit and scope
    sharedAnswers: { rootFields: SHARED_ANSWERS, referencesById: new Set(['case']), liveRootFields: new Set(['cases']) },
    // HUYING_RESPONSE_CACHE=off: every answer made afresh, here as in analytics
    answerCache: settings.responseCacheOn
      ? { window: () => answerWindow(clock.now()), version: () => watch.latest(), ...(options.hearsEveryCommit ? { commits: () => commitsHeard } : {}) }
      : undefined,
    // analytics' queries read a read model and change nothing: many screens asking at once share one
    sharedInFlight: new Set(['analytics']),
    ...options,
    routes: (router, subgraphBase, ask) => {
      analyticsBase = () => subgraphBase('analytics');
      consoleRoutes(router);
      const log = createLogger('open311');
      open311Routes(router, { ask, now: options.clock ? () => options.clock!.now() : undefined, onFailure: (error) => log.error({ err: error }, 'an Open311 request failed') });
      dashboardRoutes(router, {
        analyticsBase: () => subgraphBase('analytics'),
        // The CSV exports answer the caller's role, as the graph does.
        callerHeaders: (request) => subgraphHeadersOf(identifyCaller(request.headers, operators), gatewaySecret),
        ask,
        watch,
      });
    },
    onServer: (server, subgraphBase) => {
      const sources: SubscriptionSource[] = [];
      if (subgraphBase('dispatch')) {
        sources.push(
          assignmentSubscriptions({
            dispatchBase: () => subgraphBase('dispatch'),
            pollMs: dispatchSettings.subscriptionPollMs,
            // In the embedded hub dispatch commits in this process; deployed, this never fires and polling serves.
            onDispatchAppend: (listener) => onOutboxCommitted(() => DISPATCH_SCHEMA, listener),
          }),
        );
      }
      if (subgraphBase('analytics')) {
        sources.push(
          alertSubscriptions({
            analyticsBase: () => subgraphBase('analytics'),
            // The command centre signs in with operator tokens, which only the gateway knows: it vouches for the role.
            callerHeaders: (authorization) => subgraphHeadersOf(identifyCaller({ authorization }, operators), gatewaySecret),
            pollMs: gatewaySettings.alertPollMs,
          }),
        );
      }
      if (sources.length) subscriptions = serveSubscriptions(server, sources);
    },
  }).catch((error: unknown) => {
    stopHearing();
    throw error;
  });
  return {
    ...gateway,
    close: async () => {
      stopHearing();
      await subscriptions?.close();
      await gateway.close();
    },
  };
}
