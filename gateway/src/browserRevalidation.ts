import type { ApolloServerPlugin } from '@apollo/server';
import { asksSharedOnly, type SharedAnswers } from './sharedAnswers';

/**
 * What a browser may keep, said by the gateway alone (its cache policy, learnt from the subgraphs, never
 * becomes a header). A GET asking only for answers every viewer of one scope shares (the dashboard's
 * aggregates) may be kept by the caller's browser and asked again with its ETag: express answers 304 when
 * the answer has not changed, so an unchanged 64 KB answer crosses the network as headers. `private`: never
 * a shared cache's. Any other answer (personal data among them, such as a case's reports reached through
 * the open-case map), and any answer with errors, is `no-store`.
 */
export function browserRevalidation(answers: SharedAnswers | undefined): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ request, operation, response }) {
          // the gateway's answer cache says how old a kept answer is: that another of the caller's scope asked, which is no one else's business
          response.http.headers.delete('age');
          const failed = response.body.kind !== 'single' || Boolean(response.body.singleResult.errors);
          if (!answers || failed || request.http?.method !== 'GET' || !asksSharedOnly(operation, answers)) {
            response.http.headers.set('cache-control', 'no-store');
            return;
          }
          response.http.headers.set('cache-control', 'private, no-cache');
          // one operator's kept answer is never another's, even in one browser
          response.http.headers.set('vary', 'authorization');
        },
      };
    },
  };
}
