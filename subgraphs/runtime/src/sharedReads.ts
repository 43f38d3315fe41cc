import type { ApolloServerPlugin } from '@apollo/server';
import { cacheControlFromInfo } from '@apollo/cache-control-types';
import { ApolloServerPluginCacheControl } from '@apollo/server/plugin/cacheControl';
import type { GraphQLResolveInfo, OperationDefinitionNode } from 'graphql';

/**
 * How long an answer every caller of one scope shares may be kept, at most: the staleness bound the README
 * documents. Keepers move on sooner: analytics when its projector commits, the gateway when it hears a commit.
 */
export const SHARED_READ_SECONDS = 5;

/**
 * A subgraph's say on which of its answers the gateway may keep (`Cache-Control: max-age=5`, which Apollo's
 * data sources fold into the gateway's answer): a query asking nothing but `rootFields` — the dashboard's
 * aggregates, the case list, the entities another service's list asks for — and only while no field it
 * resolved said otherwise (a read of a citizen's number is logged per caller, so it hints max-age 0).
 * Everything else is answered 'no-store'. What a browser may keep is the gateway's to say.
 */
export function sharedReads<Context extends object>(rootFields: ReadonlySet<string>): ApolloServerPlugin<Context>[] {
  return [
    ApolloServerPluginCacheControl({ defaultMaxAge: SHARED_READ_SECONDS }) as ApolloServerPlugin<Context>,
    {
      async requestDidStart() {
        return {
          async didResolveOperation(request) {
            if (!asksOnly(request.operation, rootFields)) request.overallCachePolicy.restrict({ maxAge: 0 });
          },
        };
      },
    },
  ];
}

/** Whether a query asks for nothing but these root fields (a fragment at the root is not followed: not shared). */
export function asksOnly(operation: OperationDefinitionNode | undefined, rootFields: ReadonlySet<string>): boolean {
  if (!operation || operation.operation !== 'query') return false;
  return operation.selectionSet.selections.every((selection) => selection.kind === 'Field' && rootFields.has(selection.name.value));
}

/** Said by a field whose read has an effect per caller (a logged read of a citizen's number): the answer holding it is never kept. */
export function neverShared(info: GraphQLResolveInfo): void {
  cacheControlFromInfo(info).setCacheHint({ maxAge: 0 });
}
