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
