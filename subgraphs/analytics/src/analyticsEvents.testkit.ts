import { join } from 'node:path';
import { migrate, migrationsFromDir, type Database, type EventFeed, type StoredEvent, type TestBackend } from '@huying/runtime';
import { ANALYTICS_SCHEMA } from './projector';

/** A new, empty database of `backend` holding the read model's tables: where each storage test starts. */
export async function openAnalyticsDatabase(backend: TestBackend): Promise<{ db: Database; dispose(): Promise<void> }> {
  const opened = await backend.open();
  await migrate(opened.db, ANALYTICS_SCHEMA, migrationsFromDir(join(__dirname, '..', 'migrations')));
  return opened;
}

export interface SourcedEvent {
  source: 'cases' | 'dispatch' | 'feedback';
  type: string;
  payload: Record<string, unknown>;
}

/** A feed over a fixed list, as another service's `/events` would serve it. */
export function listFeed(events: readonly SourcedEvent[]): EventFeed {
  const stored: StoredEvent[] = events.map((event, index) => ({
    seq: index + 1,
    eventId: `e${index + 1}`,
    type: event.type,
    aggregateId: String(event.payload.caseId ?? ''),
    payload: event.payload,
    occurredAt: new Date(0),
  }));
  return { read: async (after, limit) => stored.filter((event) => event.seq > after).slice(0, limit) };
}

/** Deterministic shuffle (mulberry32), so a failing order can be replayed. */
export function shuffled<Item>(items: readonly Item[], seed: number): Item[] {
  let state = seed >>> 0;
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const copy = [...items];
  for (let index = copy.length - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1));
    [copy[index], copy[other]] = [copy[other]!, copy[index]!];
  }
  return copy;
}

type Light = 'GREEN' | 'YELLOW' | 'RED';

/** Builds the events of a small district by hand: the expected answers are worked out in the test. */
export class DistrictStory {
  readonly events: SourcedEvent[] = [];

  opened(caseId: string, createdAt: string, street: string, category: string, channel: string, lng: number, lat: number, deadline: string | null): this {
    this.events.push({
      source: 'cases',
      type: 'CaseOpened',
      payload: { caseId, title: `诉求${caseId}`, text: '…', categoryCode: category, categoryHint: null, channel, address: null, location: { lng, lat }, createdAt },
    });
    this.report(caseId, `${caseId}-r1`, channel, createdAt, 'NEW_CASE');
    this.events.push({
      source: 'dispatch',
      type: 'CaseClassified',
      payload: { caseId, categoryCode: category, level: 'B', whistle: 'QUICK', matterType: 'PUBLIC', dueAt: deadline, streetId: street, communityId: `${street}-C1`, streetName: `${street}街道`, communityName: `${street}一社区`, at: createdAt },
    });
    return this;
  }

  report(caseId: string, reportId: string, channel: string, receivedAt: string, outcome: 'NEW_CASE' | 'REPEAT' | 'MERGED'): this {
    this.events.push({
      source: 'cases',
      type: 'ReportAttached',
      payload: { caseId, reportId, channel, sourceId: reportId, receivedAt, contactHash: null, contactMasked: null, intakeMode: null, outcome },
    });
    return this;
  }

  merged(fromCaseId: string, intoCaseId: string, at: string): this {
    this.events.push({ source: 'cases', type: 'CasesMerged', payload: { fromCaseId, intoCaseId, decisionId: `m-${fromCaseId}`, at, caseId: intoCaseId } });
    return this;
  }

  /** One assignment's transitions: dispatched, then signed (if given), then resolved (if given). */
  handled(caseId: string, assignmentId: string, department: string, round: number, times: { dispatched: string; signed?: string; resolved?: string }, dueAt: string | null): this {
    const base = { assignmentId, caseId, departmentId: department, departmentName: `${department}局`, round, dueAt, by: 'test', reason: null };
    this.events.push({ source: 'dispatch', type: 'AssignmentChanged', payload: { ...base, state: 'DISPATCHED', previousState: null, respondedAt: null, resolvedAt: null, at: times.dispatched } });
    if (times.signed) {
      this.events.push({ source: 'dispatch', type: 'AssignmentChanged', payload: { ...base, state: 'SIGNED', previousState: 'DISPATCHED', respondedAt: times.signed, resolvedAt: null, at: times.signed } });
    }
    if (times.resolved) {
      this.events.push({
        source: 'dispatch',
        type: 'AssignmentChanged',
        payload: { ...base, state: 'RESOLVED', previousState: 'SIGNED', respondedAt: times.signed ?? null, resolvedAt: times.resolved, at: times.resolved },
      });
    }
    return this;
  }

  light(caseId: string, assignmentId: string, department: string, light: Light, at: string): this {
    this.events.push({ source: 'dispatch', type: 'SlaLightChanged', payload: { assignmentId, caseId, departmentId: department, light, at } });
    return this;
  }

  evaluated(caseId: string, round: number, satisfied: boolean, at: string, reopen = !satisfied): this {
    const evaluationId = `ev-${caseId}-${round}`;
    this.events.push({
      source: 'feedback',
      type: 'CaseEvaluated',
      payload: { evaluationId, caseId, round, departmentId: null, raterKind: 'CITIZEN', score: satisfied ? 90 : 40, stars: satisfied ? 5 : 2, satisfied, at },
    });
    if (reopen) this.events.push({ source: 'feedback', type: 'CaseReopened', payload: { caseId, round: round + 1, evaluationId, at } });
    return this;
  }

  bySource(source: SourcedEvent['source']): SourcedEvent[] {
    return this.events.filter((event) => event.source === source);
  }
}
