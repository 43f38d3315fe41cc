import type { ApolloServerPlugin } from '@apollo/server';

/**
 * A GET asking only for fields every viewer of one scope shares (the dashboard's aggregates) may be kept by
 * the caller's browser and asked again with its ETag: express answers 304 when the answer has not changed,
 * so an unchanged 64 KB answer crosses the network as headers. `private`: never a shared cache's. Any other
 * answer (personal data among them) stays `no-store`, as Apollo sends it.
 */
export function browserRevalidation(sharedFields: ReadonlySet<string>): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ request, operation, response }) {
          if (request.http?.method !== 'GET' || operation?.operation !== 'query') return;
          if (!operation.selectionSet.selections.every((selection) => selection.kind === 'Field' && sharedFields.has(selection.name.value))) return;
          response.http.headers.set('cache-control', 'private, no-cache');
          // one operator's kept answer is never another's, even in one browser
          response.http.headers.set('vary', 'authorization');
        },
      };
    },
  };
}
