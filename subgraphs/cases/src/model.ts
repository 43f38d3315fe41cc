import type { CaseStatus, Channel, GeoPoint, IntakeMode } from '@huying/schema';

export interface CaseRecord {
  id: string;
  title: string;
  status: CaseStatus;
  categoryCode: string | null;
  location: GeoPoint | null;
  address: string | null;
  createdAt: Date;
  updatedAt: Date;
  mergedInto: string | null;
}

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
