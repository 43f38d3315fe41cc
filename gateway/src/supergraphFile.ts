import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { composeSupergraph } from './compose';
import { DEFAULT_ROUTING_URLS, hubServices } from './services';

/** The composed supergraph checked into the repository, so a composition error fails CI, not a start-up. */
export const SUPERGRAPH_PATH = join(__dirname, '..', 'supergraph.graphql');

export function composeHubSupergraph(): string {
  return composeSupergraph(
    hubServices().map((service) => ({
      name: service.name,
      sdl: service.sdl,
      url: DEFAULT_ROUTING_URLS[service.name] ?? `http://${service.name}:4000/graphql`,
    })),
  );
}

export function readSupergraph(): string {
  return readFileSync(SUPERGRAPH_PATH, 'utf8');
}
