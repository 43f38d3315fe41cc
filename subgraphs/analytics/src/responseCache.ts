import type { ApolloServerPlugin, GraphQLRequestContext } from '@apollo/server';
import responseCachePlugin from '@apollo/server-plugin-response-cache';
import type { KeyValueCache } from '@apollo/utils.keyvaluecache';
import { asksOnly, roleOf, sharedReads, SHARED_READ_SECONDS, type Clock } from '@huying/runtime';
import type { AnalyticsContext } from './resolvers';

/**
 * How old a cached answer may be, at most: the staleness bound the README documents. On the replica whose
 * projector applied an event the next answer is fresh at once (the read model's version is in the key);
 * on another replica sharing the store, within this.
 */
export const CACHED_ANSWER_SECONDS = SHARED_READ_SECONDS;

/**
 * The window of the clock an answer belongs to: every cache of shared answers (analytics' own, the
 * gateway's) keeps an answer only within the window it was made in, so together they are never staler than one.
 */
export function answerWindow(at: Date): number {
  return Math.floor(at.getTime() / (CACHED_ANSWER_SECONDS * 1000));
}

/** The dashboard's root fields: aggregates and the open-case map, the same for every viewer of one scope. */
export const SHARED_ANSWERS: ReadonlySet<string> = new Set(['kpis', 'trends', 'hotspots', 'openCaseMap', '__typename']);

export interface ResponseCacheOptions {
  cache: KeyValueCache<string>;
  clock: Clock;
  /** Moves on each time this replica's projector commits a batch of events. */
  readModelVersion: () => number;
}

/**
 * The dashboard's answer computed once per change and scope, not once per viewer (Apollo's response cache):
 * only operations asking nothing but the dashboard's fields are cached; the key holds the caller's data
 * scope as the gateway vouches for it (a street's answer never reaches another street, an operator's never an
 * anonymous caller), the read model's version and the clock's 5-second window (a test's clock that jumps
 * moves it too). An answer with errors is never kept. Alerts, the audit log and mutations are never cached.
 * A shared answer says `Cache-Control: max-age=5` to the gateway, which keeps it too, keyed alike.
 */
export function responseCache(options: ResponseCacheOptions): ApolloServerPlugin<AnalyticsContext>[] {
  const sharedAnswer = async ({ operation }: GraphQLRequestContext<AnalyticsContext>) => asksOnly(operation, SHARED_ANSWERS);
  return [
    // The answer's Cache-Control tells the gateway how long it may keep it (its own answer cache); every other
    // operation is answered 'no-store': alerts, the audit log, an entity the gateway asks for.
    ...sharedReads<AnalyticsContext>(SHARED_ANSWERS),
    responseCachePlugin<AnalyticsContext>({
      cache: options.cache,
      extraCacheKeyData: async ({ contextValue }) => ({
        scope: `${contextValue.caller.viaGateway ? 'gateway' : 'direct'}:${roleOf(contextValue.caller) ?? 'anonymous'}`,
        version: options.readModelVersion(),
        window: answerWindow(options.clock.now()),
      }),
      shouldReadFromCache: sharedAnswer,
      shouldWriteToCache: sharedAnswer,
    }),
  ];
}
