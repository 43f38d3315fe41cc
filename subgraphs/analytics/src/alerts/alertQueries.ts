import type { Sql } from '@huying/runtime';
import type { AlertDetector } from './emergingAlerts';
import type { AlertStatus } from './alertDecision';
import { ALERT_CHANGES, ALERT_HEAD, ALERT_OUTCOMES, ALERTS } from './alertStatements';

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
  /** The alert's latest change in the feed (`alertChanges`). */
  revision: number | string;
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

/** A page of the alerts' change feed: each alert as it stands after a change past `after`, oldest first. */
export interface AlertChangePage {
  rows: (AlertRow & { cursor: string })[];
  hasNextPage: boolean;
  head: string;
}

/** The changes after revision `after` (a whole number as text), at most `first`. */
export async function alertChanges(db: Sql, after: string, first: number): Promise<AlertChangePage> {
  const rows = await db.query<AlertRow & { cursor: string }>(ALERT_CHANGES, [after, first + 1]);
  const [head] = await db.query<{ head: string }>(ALERT_HEAD);
  return { rows: rows.slice(0, first), hasNextPage: rows.length > first, head: head!.head };
}
