import { migrate, publishEvent, type Database, type DomainEvent } from '@huying/runtime';
import type { AssignmentChangedEvent, AssignmentState, CaseClassifiedEvent, ReportAttachedEvent } from '@huying/schema';

/** Stands in for the cases and dispatch services in tests: their outboxes, filled by hand. */
export async function upstreamOutboxes(db: Database): Promise<(service: 'cases' | 'dispatch', type: string, payload: object) => Promise<void>> {
  await migrate(db, 'cases', []);
  await migrate(db, 'dispatch', []);
  return async (service, type, payload) => {
    const event: DomainEvent = { type, aggregateId: String((payload as { caseId?: string }).caseId ?? ''), payload: { ...payload }, occurredAt: new Date() };
    await db.transaction((tx) => publishEvent(tx, service, event));
  };
}

export const reportAttached = (caseId: string, reportId: string, extra: Partial<ReportAttachedEvent> = {}): ReportAttachedEvent => ({
  caseId,
  reportId,
  channel: 'HOTLINE',
  sourceId: `src-${reportId}`,
  receivedAt: '2026-03-01T02:00:00.000Z',
  contactHash: null,
  contactMasked: '138****0000',
  intakeMode: null,
  outcome: 'NEW_CASE',
  ...extra,
});

export const classified = (caseId: string, extra: Partial<CaseClassifiedEvent> = {}): CaseClassifiedEvent => ({
  caseId,
  categoryCode: '0101',
  level: 'B',
  whistle: 'QUICK',
  matterType: 'PUBLIC',
  dueAt: '2026-03-02T02:00:00.000Z',
  streetId: 'S01',
  communityId: 'S01-C1',
  at: '2026-03-01T02:05:00.000Z',
  ...extra,
});

export const assignment = (
  caseId: string,
  assignmentId: string,
  state: AssignmentState,
  at: string,
  extra: Partial<AssignmentChangedEvent> = {},
): AssignmentChangedEvent => ({
  assignmentId,
  caseId,
  departmentId: 'D-WATER',
  departmentName: '区水务局',
  state,
  previousState: null,
  round: 1,
  dueAt: '2026-03-02T02:00:00.000Z',
  respondedAt: state === 'DISPATCHED' ? null : at,
  resolvedAt: state === 'RESOLVED' || state === 'CLOSED' ? at : null,
  by: 'test',
  reason: null,
  at,
  ...extra,
});
