import type { AnyServiceModule } from '@huying/runtime';
import { casesService } from '@huying/cases';
import { dispatchService } from '@huying/dispatch';
import { feedbackService } from '@huying/feedback';
import { analyticsService } from '@huying/analytics';

/**
 * Every subgraph of the hub, in start order (a service's event sources come before it). The
 * supergraph is composed from exactly these, and `npm start` runs exactly these.
 */
export function hubServices(): AnyServiceModule[] {
  return [casesService(), dispatchService(), feedbackService(), analyticsService()];
}

/** Where each subgraph is reached in a deployment; the embedded hub replaces these with its own ports. */
export const DEFAULT_ROUTING_URLS: Record<string, string> = {
  cases: 'http://cases:4001/graphql',
  dispatch: 'http://dispatch:4002/graphql',
  feedback: 'http://feedback:4003/graphql',
  analytics: 'http://analytics:4004/graphql',
};
