import type { ApolloServerPlugin, GraphQLRequestContext } from '@apollo/server';
import responseCachePlugin from '@apollo/server-plugin-response-cache';
import { InMemoryLRUCache, type KeyValueCache } from '@apollo/utils.keyvaluecache';
import { callerScope } from './callerIdentity';
import { keptAnswerText, type KeptAnswerText } from './keptAnswerText';
import { asksSharedOnly, type SharedAnswers } from './sharedAnswers';
import type { GatewayContext } from './subgraphDataSource';

export interface AnswerCacheOptions {
  /**
   * The window of the hub's clock now: an answer is served only within the window it was made in. The
   * analytics subgraph keys its own cache by the same windows (`answerWindow`), so the two caches together
   * are never staler than one window (the documented bound).
   */
  window(): number;
  /** The read model's version as the gateway last read it (while a dashboard follows its changes): a new one makes the next answer fresh. */
  version(): string | undefined;
  /**
   * Commits this gateway has heard of, whichever service made them (every outbox commit of its process and,
   * relayed, of its replicas'): a new one makes the next answer fresh. Given only where the gateway hears every
   * commit (the embedded hub); then the live root fields (the operator list) are kept too, keyed by it.
   */
  commits?: () => number;
  /** Where answers are kept; default a cache of their own in memory, 32 MB at most (the least recently used go first). */
  cache?: KeyValueCache<string>;
  /** From how many bytes a kept answer goes compressed to a client that accepts it (the gateway's `compression` threshold). */
  compressFrom?: number;
}

/**
 * The shared answer made once at the gateway (Apollo's response cache), not once per viewer: the gateway
 * keeps an answer only when every subgraph that gave a part of it said it may (`Cache-Control: max-age`,
 * which Apollo's data sources fold into the answer's cache policy; analytics says so of its aggregates
 * alone) and only for a query of shared answers. The key holds the caller's scope as the gateway vouches
 * for it (the role, a department's key: never another's answer), the read model's version, the window, the
 * mutations it has answered and, where it hears every commit, the commits: the operator list is then made once
 * per change too. An answer with errors is never kept. A kept answer is written as it was kept (`text`: the
 * server's `stringifyResult`, and the GraphQL route's `writesAnswers`), not parsed and written again.
 */
export function answerCache(answers: SharedAnswers, options: AnswerCacheOptions): { plugins: ApolloServerPlugin<GatewayContext>[]; text: KeptAnswerText } {
  const { commits } = options;
  // Not the server's cache: callers sending made-up credentials (each a scope of its own) can push out only answers.
  const text = keptAnswerText(options.cache ?? new InMemoryLRUCache<string>({ maxSize: 32 * 2 ** 20 }), { compressFrom: options.compressFrom });
  const live = commits !== undefined;
  const shared = async ({ operation }: GraphQLRequestContext<GatewayContext>) => asksSharedOnly(operation, answers, live);
  // Mutations this gateway has answered that changed something: its caller reads its own change next, event
  // or no event. A refused one (nothing but nulls) moves nothing, so no caller can empty the cache by asking.
  let mutationsThatChanged = 0;
  const countMutations: ApolloServerPlugin<GatewayContext> = {
    async requestDidStart() {
      return {
        async willSendResponse({ operation, response }) {
          if (operation?.operation !== 'mutation' || response.body.kind !== 'single') return;
          if (Object.values(response.body.singleResult.data ?? {}).some((value) => value !== null)) mutationsThatChanged += 1;
        },
      };
    },
  };
  const plugins = [
    ...(live ? [countMutations] : []),
    responseCachePlugin<GatewayContext>({
      cache: text.cache,
      extraCacheKeyData: async ({ contextValue, operation }) => ({
        scope: callerScope(contextValue.subgraphHeaders),
        version: options.version() ?? null,
        window: options.window(),
        // the operator list moves on with every change; the dashboard's aggregates with the read model's version
        ...(live && !asksSharedOnly(operation, answers) ? { changes: [commits(), mutationsThatChanged] } : {}),
      }),
      shouldReadFromCache: shared,
      shouldWriteToCache: shared,
    }),
  ];
  return { plugins, text };
}
