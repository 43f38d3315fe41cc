import type { OperationDefinitionNode, SelectionSetNode } from 'graphql';

/** Answers every caller of one scope shares (the dashboard's aggregates): what may be kept and asked again. */
export interface SharedAnswers {
  /** Root fields every viewer of one scope shares (the dashboard's aggregates). */
  rootFields: ReadonlySet<string>;
  /** Fields below them that lead to another service's entity (an open case's `case`): only its `id` may be asked. */
  referencesById: ReadonlySet<string>;
  /**
   * Root fields answered from the services' own records, not the read model (the operator list, `cases`):
   * every caller of one scope shares them too, but only where the gateway hears every commit, which moves
   * their key (`AnswerCacheOptions.commits`). A browser is never told to keep them.
   */
  liveRootFields?: ReadonlySet<string>;
}

/**
 * Whether a query asks only for shared fields, and for a referenced entity no more than its id; with `live`,
 * the live root fields count as shared too.
 */
export function asksSharedOnly(operation: OperationDefinitionNode | undefined, answers: SharedAnswers, live = false): boolean {
  const sharedRoot = (name: string) => answers.rootFields.has(name) || (live && (answers.liveRootFields?.has(name) ?? false));
  return operation?.operation === 'query' && selectsSharedOnly(operation.selectionSet, sharedRoot, answers.referencesById, true);
}

function selectsSharedOnly(selectionSet: SelectionSetNode, sharedRoot: (name: string) => boolean, referencesById: ReadonlySet<string>, root: boolean): boolean {
  return selectionSet.selections.every((selection) => {
    // fragments are not followed: an answer that uses one is simply not kept
    if (selection.kind !== 'Field') return false;
    const name = selection.name.value;
    if (root && !sharedRoot(name)) return false;
    if (!selection.selectionSet) return true;
    if (referencesById.has(name)) return selection.selectionSet.selections.every((inner) => inner.kind === 'Field' && ['id', '__typename'].includes(inner.name.value));
    return selectsSharedOnly(selection.selectionSet, sharedRoot, referencesById, false);
  });
}
