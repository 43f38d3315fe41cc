import type { AnyServiceModule } from '@huying/runtime';
import { casesService } from '@huying/cases';

/**
 * Every subgraph of the hub, in start order (a service's event sources come before it). The
 * supergraph is composed from exactly these, and `npm start` runs exactly these.
 */
export function hubServices(): AnyServiceModule[] {
  return [casesService()];
}

/** Where each subgraph is reached in a deployment; the embedded hub replaces these with its own ports. */
export const DEFAULT_ROUTING_URLS: Record<string, string> = {
  cases: 'http://cases:4001/graphql',
};
