import type { Sql } from '@huying/runtime';
import type { AlertDetector } from './emergingAlerts';
import type { AlertStatus } from './alertDecision';
import { ALERT_OUTCOMES, ALERTS } from './alertStatements';

/** An alert as the graph reads it (`analytics.alert_as_read`): days as Beijing dates. */
export interface AlertRow {
  alert_id: string;
  detector: AlertDetector;
  place: string | null;
  place_name: string | null;
  category_code: string;
  opened_on: string;
  last_unusual_on: string;
  closed_on: string | null;
  report_count: number;
  observed: number;
  expected: number;
  p_value: number;
  case_ids: string[];
  status: AlertStatus;
  decided_by: string | null;
  decided_at: Date | null;
  decision_reason: string | null;
  raised_at: Date;
}

export interface AlertFilter {
  statuses: AlertStatus[] | null;
  detector: AlertDetector | null;
  /** A leaf's code, or a branch's (its leaves too). */
  categoryCode: string | null;
  /** Alerts unusual on this Beijing day or later (`YYYY-MM-DD`). */
  since: string | null;
  first: number;
}

export function alerts(db: Sql, filter: AlertFilter): Promise<AlertRow[]> {
  return db.query<AlertRow>(ALERTS, [filter.statuses, filter.detector, filter.categoryCode, filter.since, filter.first]);
}

/** A detector's record with the command centre: what it raised and what became of it. */
export interface AlertOutcomeRow {
  detector: AlertDetector;
  raised: number;
  open: number;
  acknowledged: number;
  dismissed: number;
}

/** Each detector's alerts opened on the Beijing days [from, to] (`YYYY-MM-DD`), by what the command centre made of them. */
export function alertOutcomes(db: Sql, from: string, to: string): Promise<AlertOutcomeRow[]> {
  return db.query<AlertOutcomeRow>(ALERT_OUTCOMES, [from, to]);
}
