import type { AnyServiceModule, ServiceSchema } from '@huying/runtime';
import type { SimulatedPace } from '@huying/connector-kit';
import { casesService } from '@huying/cases';
import { dispatchService } from '@huying/dispatch';
import { feedbackService } from '@huying/feedback';
import { analyticsService } from '@huying/analytics';
import { connectorsService } from '@huying/connector-kit';
import { hotlineService } from '@huying/connector-hotline';
import { messageBoardService } from '@huying/connector-message-board';
import { urbanManagementService } from '@huying/connector-urban-management';
import { gridService } from '@huying/connector-grid';

export interface HubServiceOptions {
  /** Start the four legacy-system simulators and pull from them (the embedded default of `npm start`). */
  simulators?: boolean;
  /** The simulated city's history and pace (default: each simulator's own). */
  simulatorPace?: SimulatedPace;
}

/** The simulators misbehave now and then, as real systems do: a 429 (Retry-After 1 s) or a 500. */
const SIMULATOR_FAULTS = { every429: 13, every500: 19, retryAfterSeconds: 1 };

/**
 * Every subgraph of the hub, in start order (a service's event sources come before it). The
 * supergraph is composed from exactly these, and `npm start` runs exactly these.
 */
export function hubServices(options: HubServiceOptions = {}): AnyServiceModule[] {
  const channel = { simulate: options.simulators ?? false, faults: SIMULATOR_FAULTS, pace: options.simulatorPace };
  return [
    casesService(),
    dispatchService(),
    feedbackService(),
    analyticsService(),
    hotlineService(channel),
    messageBoardService(channel),
    urbanManagementService(channel),
    gridService(channel),
    connectorsService(),
  ];
}

/** The schemas those services own, in start order: what the embedded database's template holds. */
export function hubSchemas(modules: readonly AnyServiceModule[] = hubServices()): ServiceSchema[] {
  return modules.flatMap((module) => (module.schema ? [module.schema] : []));
}

/** Where each subgraph is reached in a deployment; the embedded hub replaces these with its own ports. */
export const DEFAULT_ROUTING_URLS: Record<string, string> = {
  cases: 'http://cases:4001/graphql',
  dispatch: 'http://dispatch:4002/graphql',
  feedback: 'http://feedback:4003/graphql',
  analytics: 'http://analytics:4004/graphql',
  hotline: 'http://hotline:4011/graphql',
  'message-board': 'http://message-board:4012/graphql',
  'urban-management': 'http://urban-management:4013/graphql',
  grid: 'http://grid:4014/graphql',
  connectors: 'http://connectors:4015/graphql',
};
