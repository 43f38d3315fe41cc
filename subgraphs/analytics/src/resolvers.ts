import type { GraphQLResolverMap } from '@apollo/subgraph';
import { decodeCursor, encodeCursor, MAX_PAGE_SIZE, pageSize, userInputError, type Caller, roleOf, type Clock, type Database } from '@huying/runtime';
import { decideAlert, type AlertStatus } from './alerts/alertDecision';
import { alertChanges, alertOutcomes, alerts, type AlertOutcomeRow, type AlertRow } from './alerts/alertQueries';
import { alertReason, alertScore, type AlertDetector } from './alerts/emergingAlerts';
import { auditEntries } from './auditLog';
import { categoryByCode, sharedScalarResolvers } from '@huying/schema';
import type { KpiDimension, TrendDimension, TrendInterval } from './dimensions';
import { hotspots, type HotspotRow } from './hotspots';
import { kpis } from './kpis';
import { openCases, type OpenCaseRow } from './openCases';
import { readModelVersion } from './readModelVersion';
import type { MonthlyProblem } from './monthlyProblems';
import { monthlyProblemQuery, monthlyProblems } from './monthlyProblemsQuery';
import { trends } from './trends';

export interface AnalyticsContext {
  db: Database;
  clock: Clock;
  /** Who asks, as the gateway vouches for it: recorded on the command centre's decisions. */
  caller: Caller;
}

interface Period {
  from: Date;
  to: Date;
}

/** A period must run forwards; the read model answers nothing sensible for an empty or reversed one. */
export function checkPeriod({ from, to }: Period): void {
  if (!(from < to)) throw userInputError('from must be before to', { field: 'from' });
}

const isBeijingDate = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value));

const category = (code: string | null) => (code ? categoryByCode(code) ?? { code, name: code, parentCode: null } : null);
const point = (row: { lng: number | null; lat: number | null }) => (row.lng !== null && row.lat !== null ? { lng: row.lng, lat: row.lat } : null);

/** The detector's reason in words, as the alert and its changes read it. */
function alertReasonOf(row: AlertRow): string {
  return alertReason(
    { detector: row.detector, observed: row.observed, expected: row.expected, pValue: row.p_value, count: row.report_count },
    { place: row.place_name ?? row.place, category: category(row.category_code)?.name ?? row.category_code },
  );
}

/** The fields an alert and its change both read off the row. */
const alertFields = {
  placeName: (row: AlertRow) => row.place_name,
  openedOn: (row: AlertRow) => row.opened_on,
  lastUnusualOn: (row: AlertRow) => row.last_unusual_on,
  closedOn: (row: AlertRow) => row.closed_on,
  reports: (row: AlertRow) => row.report_count,
  score: (row: AlertRow) => alertScore(row.p_value),
  reason: alertReasonOf,
  decidedBy: (row: AlertRow) => row.decided_by,
  decisionReason: (row: AlertRow) => row.decision_reason,
};

export const resolvers: GraphQLResolverMap<AnalyticsContext> = {
  ...sharedScalarResolvers,
  Query: {
    auditLog: async (_root, args: { subjectId?: string | null; action?: string | null; first?: number | null; after?: string | null }, { db }) => {
      const first = pageSize(args.first);
      let after: { at: Date; auditId: string } | null = null;
      if (args.after) {
        const [at, auditId] = decodeCursor(args.after);
        const when = new Date(String(at));
        if (typeof auditId !== 'string' || !/^[0-9a-f-]{36}$/i.test(auditId) || Number.isNaN(when.getTime())) {
          throw userInputError('after is not a cursor this API handed out', { field: 'after' });
        }
        after = { at: when, auditId };
      }
      const rows = await auditEntries(db, { subjectId: args.subjectId ?? null, action: args.action ?? null, first: first + 1, after });
      const nodes = rows.slice(0, first).map((row) => ({ ...row, id: row.auditId }));
      const edges = nodes.map((node) => ({ cursor: encodeCursor([node.at.toISOString(), node.auditId]), node }));
      return { edges, nodes, pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null } };
    },
    kpis: (_root, args: Period & { groupBy: KpiDimension[] }, { db, clock }) => {
      checkPeriod(args);
      return kpis(db, { ...args, now: clock.now() });
    },
    trends: (_root, args: Period & { interval: TrendInterval; by?: TrendDimension | null }, { db }) => {
      checkPeriod(args);
      return trends(db, { ...args, by: args.by ?? null });
    },
    hotspots: (_root, args: Period & { first?: number | null; minCases?: number | null }, { db }) => {
      checkPeriod(args);
      const minCases = args.minCases ?? 2;
      if (!Number.isInteger(minCases) || minCases < 1) throw userInputError('minCases must be a whole number of at least 1', { field: 'minCases' });
      return hotspots(db, { from: args.from, to: args.to, first: pageSize(args.first), minCases });
    },
    readModelVersion: (_root, _args, { db }) => readModelVersion(db),
    monthlyProblems: (_root, args: { month: string; streetId?: string | null; first?: number | null; minRequests?: number | null }, { db }) =>
      monthlyProblems(db, monthlyProblemQuery(args)),
    openCaseMap: (_root, args: { first?: number | null; streetId?: string | null }, { db }) =>
      openCases(db, { first: pageSize(args.first, MAX_PAGE_SIZE), streetId: args.streetId ?? null }),
    alerts: (_root, args: { status?: AlertStatus[] | null; detector?: AlertDetector | null; categoryCode?: string | null; since?: string | null; first?: number | null }, { db }) => {
      if (args.since != null && !isBeijingDate(args.since)) throw userInputError('since must be a date, YYYY-MM-DD', { field: 'since' });
      return alerts(db, {
        statuses: args.status?.length ? args.status : null,
        detector: args.detector ?? null,
        categoryCode: args.categoryCode || null,
        since: args.since ?? null,
        first: pageSize(args.first),
      });
    },
    alertOutcomes: (_root, args: { from: string; to: string }, { db }) => {
      for (const field of ['from', 'to'] as const) if (!isBeijingDate(args[field])) throw userInputError(`${field} must be a date, YYYY-MM-DD`, { field });
      if (args.from > args.to) throw userInputError('from must not be after to', { field: 'from' });
      return alertOutcomes(db, args.from, args.to);
    },
    alertChanges: async (_root, args: { after?: string | null; first?: number | null }, { db }) => {
      const after = args.after ?? '0';
      if (!/^\d{1,18}$/.test(after)) throw userInputError('after is not a cursor this API handed out', { field: 'after' });
      const page = await alertChanges(db, after, pageSize(args.first, MAX_PAGE_SIZE));
      return { nodes: page.rows, endCursor: page.rows.at(-1)?.cursor ?? null, hasNextPage: page.hasNextPage, headCursor: page.head };
    },
  },
  AlertOutcome: {
    precision: (row: AlertOutcomeRow) => (row.acknowledged + row.dismissed > 0 ? Math.round((row.acknowledged / (row.acknowledged + row.dismissed)) * 1000) / 1000 : null),
  },
  Mutation: {
    acknowledgeAlert: (_root, args: { id: string; reason?: string | null }, { db, clock, caller }) =>
      decideAlert(db, { alertId: args.id, wanted: 'ACKNOWLEDGED', reason: args.reason ?? null, by: roleOf(caller) ?? 'anonymous', at: clock.now() }),
    dismissAlert: (_root, args: { id: string; reason: string }, { db, clock, caller }) =>
      decideAlert(db, { alertId: args.id, wanted: 'DISMISSED', reason: args.reason, by: roleOf(caller) ?? 'anonymous', at: clock.now() }),
  },
  Alert: {
    id: (row: AlertRow) => row.alert_id,
    detector: (row: AlertRow) => row.detector,
    category: (row: AlertRow) => category(row.category_code),
    ...alertFields,
    expected: (row: AlertRow) => Math.round(row.expected * 100) / 100,
    cases: (row: AlertRow) => row.case_ids.map((id) => ({ id })),
    decidedAt: (row: AlertRow) => row.decided_at,
    raisedAt: (row: AlertRow) => row.raised_at,
  },
  AlertChange: {
    alertId: (row: AlertRow) => row.alert_id,
    categoryCode: (row: AlertRow) => row.category_code,
    ...alertFields,
  },
  Hotspot: {
    category: (row: HotspotRow) => category(row.categoryCode),
    location: point,
  },
  MonthlyProblem: {
    category: (row: MonthlyProblem) => category(row.categoryCode),
  },
  OpenCasePoint: {
    case: (row: OpenCaseRow) => ({ id: row.caseId }),
    category: (row: OpenCaseRow) => category(row.categoryCode),
    location: point,
  },
};
