import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The composed supergraph checked into the repository, so a composition error fails CI, not a start-up. */
export const SUPERGRAPH_PATH = join(__dirname, '..', 'supergraph.graphql');

export function readSupergraph(): string {
  return readFileSync(SUPERGRAPH_PATH, 'utf8');
}
