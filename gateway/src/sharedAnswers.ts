import type { OperationDefinitionNode, SelectionSetNode } from 'graphql';

/** Answers every caller of one scope shares (the dashboard's aggregates): what may be kept and asked again. */
export interface SharedAnswers {
  /** Root fields every viewer of one scope shares (the dashboard's aggregates). */
  rootFields: ReadonlySet<string>;
  /** Fields below them that lead to another service's entity (an open case's `case`): only its `id` may be asked. */
  referencesById: ReadonlySet<string>;
}

/** Whether a query asks only for shared fields, and for a referenced entity no more than its id. */
export function asksSharedOnly(operation: OperationDefinitionNode | undefined, answers: SharedAnswers): boolean {
  return operation?.operation === 'query' && selectsSharedOnly(operation.selectionSet, answers, true);
}

function selectsSharedOnly(selectionSet: SelectionSetNode, answers: SharedAnswers, root: boolean): boolean {
  return selectionSet.selections.every((selection) => {
    // fragments are not followed: an answer that uses one is simply not kept
    if (selection.kind !== 'Field') return false;
    const name = selection.name.value;
    if (root && !answers.rootFields.has(name)) return false;
    if (!selection.selectionSet) return true;
    if (answers.referencesById.has(name)) return selection.selectionSet.selections.every((inner) => inner.kind === 'Field' && ['id', '__typename'].includes(inner.name.value));
    return selectsSharedOnly(selection.selectionSet, answers, false);
  });
}
