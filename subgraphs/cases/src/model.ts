import type { CaseStatus, Channel, GeoPoint, IntakeMode } from '@huying/schema';

export interface CaseRecord {
  id: string;
  title: string;
  status: CaseStatus;
  categoryCode: string | null;
  /** How the category was decided (null on cases opened before this was kept). */
  categorySource: CategorySource | null;
  /** How sure the hub is of it, 0–1. */
  categoryConfidence: number | null;
  location: GeoPoint | null;
  address: string | null;
  createdAt: Date;
  updatedAt: Date;
  mergedInto: string | null;
}

/** The channel named the category, the keyword rules found it, the trained classifier chose it, or an operator set it. */
export type CategorySource = 'CHANNEL' | 'RULES' | 'MODEL' | 'OPERATOR';

export interface ReportRecord {
  id: string;
  caseId: string;
  channel: Channel;
  sourceId: string;
  receivedAt: Date;
  title: string | null;
  text: string;
  address: string | null;
  location: GeoPoint | null;
  categoryHint: string | null;
  contactHash: string | null;
  contactMasked: string | null;
  intakeMode: IntakeMode | null;
  revision: number;
}

export type IntakeOutcome = 'NEW_CASE' | 'UPDATED' | 'REPEAT' | 'MERGED';

export type MergeDecisionKind = 'ATTACH' | 'SUGGESTION' | 'MERGE' | 'SPLIT';
export type MergeDecisionState = 'APPLIED' | 'PENDING' | 'CONFIRMED' | 'REJECTED' | 'UNDONE';

/** One dedup decision as stored: what was decided, on what evidence, by whom, and whether it still holds. */
export interface MergeDecisionRecord {
  id: string;
  kind: MergeDecisionKind;
  outcome: 'REPEAT' | 'MERGED' | null;
  state: MergeDecisionState;
  intoCaseId: string;
  fromCaseId: string | null;
  reportId: string | null;
  score: number | null;
  signals: Record<string, unknown> | null;
  automatic: boolean;
  decidedBy: string | null;
  reason: string | null;
  decidedAt: Date;
  undoneAt: Date | null;
  undoneBy: string | null;
  undoReason: string | null;
}

/** A report as a channel sends it: what intake stores, before it has an id. */
export type ReportFields = Omit<ReportRecord, 'id' | 'revision'> & {
  /** The number itself, sealed (HUYING_DATA_KEYS): written, never read back into a record; only the 回访 field opens it. */
  contactSealed: string | null;
};

/** A row's coordinates as a point, or null when it has none. */
export const pointOf = (row: { lng: number | null; lat: number | null }): GeoPoint | null =>
  row.lng == null || row.lat == null ? null : { lng: row.lng, lat: row.lat };
