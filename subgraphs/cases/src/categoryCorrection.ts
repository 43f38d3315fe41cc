import { conflictError, notFoundError, publishEvent, recordAudit, userInputError } from '@huying/runtime';
import { categoryByCode, type CaseCategoryCorrectedEvent } from '@huying/schema';
import { CASES_SCHEMA, type IntakeDeps } from './intake';
import { lockCases } from './mergeStore';
import type { CaseRecord } from './model';
import * as store from './store';

/**
 * An operator puts a case in the right category. The case keeps it (source OPERATOR, confidence 1), the
 * correction is kept for the classifier's next refit (`npm run fit:classify`), dispatch and analytics hear
 * of it (`CaseCategoryCorrected`), and the audit log says who, why and what it was.
 */
export async function correctCategory(
  deps: IntakeDeps,
  request: { caseId: string; code: string; by: string; reason: string | null },
): Promise<CaseRecord> {
  const category = categoryByCode(request.code.trim());
  if (!category) throw userInputError(`"${request.code}" is not a category code (Query.categories lists them)`, { field: 'category' });
  return deps.db.transaction(async (tx) => {
    const now = deps.clock.now();
    await lockCases(tx, [request.caseId]);
    const record = (await store.casesByIds(tx, [request.caseId])).get(request.caseId);
    if (!record) throw notFoundError('Case', request.caseId);
    if (record.status === 'MERGED') throw conflictError(`case ${record.id} is merged into ${record.mergedInto}: correct that case`, { field: 'caseId' });
    if (record.categoryCode === category.code && record.categorySource === 'OPERATOR') return record;
    const corrected = await store.correctCaseCategory(tx, { caseId: record.id, fromCode: record.categoryCode, toCode: category.code, by: request.by, reason: request.reason }, now);
    const payload: CaseCategoryCorrectedEvent = { caseId: record.id, categoryCode: category.code, previous: record.categoryCode, at: now.toISOString() };
    await publishEvent(tx, CASES_SCHEMA, { type: 'CaseCategoryCorrected', aggregateId: record.id, occurredAt: now, payload: { ...payload } });
    await recordAudit(
      tx,
      CASES_SCHEMA,
      {
        action: 'correctCategory',
        subjectType: 'Case',
        subjectId: record.id,
        before: { categoryCode: record.categoryCode, categorySource: record.categorySource, categoryConfidence: record.categoryConfidence },
        after: { categoryCode: category.code, categorySource: 'OPERATOR', categoryConfidence: 1 },
        actor: request.by,
        reason: request.reason,
      },
      now,
    );
    return corrected;
  });
}
