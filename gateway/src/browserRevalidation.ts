import type { ApolloServerPlugin } from '@apollo/server';
import type { SelectionSetNode } from 'graphql';

export interface RevalidatedAnswers {
  /** Root fields every viewer of one scope shares (the dashboard's aggregates). */
  rootFields: ReadonlySet<string>;
  /** Fields below them that lead to another service's entity (an open case's `case`): only its `id` may be asked. */
  referencesById: ReadonlySet<string>;
}

/** Whether a selection asks only for shared fields, and for a referenced entity no more than its id. */
function asksSharedOnly(selectionSet: SelectionSetNode, answers: RevalidatedAnswers, root: boolean): boolean {
  return selectionSet.selections.every((selection) => {
    // fragments are not followed: an answer that uses one is simply not kept
    if (selection.kind !== 'Field') return false;
    const name = selection.name.value;
    if (root && !answers.rootFields.has(name)) return false;
    if (!selection.selectionSet) return true;
    if (answers.referencesById.has(name)) return selection.selectionSet.selections.every((inner) => inner.kind === 'Field' && ['id', '__typename'].includes(inner.name.value));
    return asksSharedOnly(selection.selectionSet, answers, false);
  });
}

/**
 * A GET asking only for fields every viewer of one scope shares (the dashboard's aggregates) may be kept by
 * the caller's browser and asked again with its ETag: express answers 304 when the answer has not changed,
 * so an unchanged 64 KB answer crosses the network as headers. `private`: never a shared cache's. Any other
 * answer (personal data among them, such as a case's reports reached through the open-case map) stays
 * `no-store`, as Apollo sends it.
 */
export function browserRevalidation(answers: RevalidatedAnswers): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ request, operation, response }) {
          if (request.http?.method !== 'GET' || operation?.operation !== 'query') return;
          if (!asksSharedOnly(operation.selectionSet, answers, true)) return;
          response.http.headers.set('cache-control', 'private, no-cache');
          // one operator's kept answer is never another's, even in one browser
          response.http.headers.set('vary', 'authorization');
        },
      };
    },
  };
}
