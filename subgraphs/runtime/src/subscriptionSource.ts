import { readFileSync } from 'node:fs';
import { parse, print } from 'graphql';

/**
 * A service's part of the graph's subscriptions (graphql-ws at the gateway's /graphql: the gateway cannot
 * serve subscriptions itself). The gateway builds one schema from every source's SDL and calls `subscribe`
 * for each field; the source checks the subscriber's own credential against its service, so a role that
 * may not read a feed cannot follow it either.
 */
export interface SubscriptionSource {
  /** The types its fields return and `extend type Subscription { … }` (scalars: DateTime is declared once by the gateway). */
  typeDefs: string;
  /** Per subscription field: the events from the arguments on; the first await refuses a caller who may not read them. */
  subscribe: Record<string, (args: Record<string, unknown>, authorization: string | undefined) => Promise<AsyncIterableIterator<unknown>>>;
  /** Stops whatever the source polls; open streams end. */
  close(): Promise<void>;
}

/**
 * The named type definitions of a service's own SDL file, printed: what a source's `typeDefs` repeats of
 * its supergraph types, read from the one file so the two schemas cannot drift apart.
 */
export function typeDefinitionsFrom(sdlFile: string, names: readonly string[]): string {
  const wanted = new Set(names);
  return parse(readFileSync(sdlFile, 'utf8'))
    .definitions.filter((definition) => 'name' in definition && definition.name !== undefined && wanted.has(definition.name.value))
    .map((definition) => print(definition))
    .join('\n');
}
