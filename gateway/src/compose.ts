import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { DEFAULT_ROUTING_URLS, hubServices } from './services';

export interface SubgraphSdl {
  name: string;
  url: string;
  sdl: string;
}

/** Composes the supergraph as the gateway will run it; a composition error names every problem. */
export function composeSupergraph(subgraphs: readonly SubgraphSdl[]): string {
  const result = composeServices(subgraphs.map(({ name, url, sdl }) => ({ name, url, typeDefs: parse(sdl) })));
  if (result.errors) {
    throw new Error(`supergraph does not compose:\n${result.errors.map((error) => `- ${error.message}`).join('\n')}`);
  }
  return result.supergraphSdl;
}

/** The hub's own supergraph: every service of `hubServices`, at its deployment address. */
export function composeHubSupergraph(): string {
  return composeSupergraph(
    hubServices().map((service) => ({
      name: service.name,
      sdl: service.sdl,
      url: DEFAULT_ROUTING_URLS[service.name] ?? `http://${service.name}:4000/graphql`,
    })),
  );
}
