import type { GraphQLResolverMap } from '@apollo/subgraph';
import { decodeCursor, encodeCursor, MAX_PAGE_SIZE, pageSize, userInputError, type Clock, type Database } from '@huying/runtime';
import { auditEntries } from './auditLog';
import { categoryByCode, sharedScalarResolvers } from '@huying/schema';
import type { KpiDimension, TrendDimension, TrendInterval } from './dimensions';
import { hotspots, type HotspotRow } from './hotspots';
import { kpis } from './kpis';
import { openCases, type OpenCaseRow } from './openCases';
import { trends } from './trends';

export interface AnalyticsContext {
  db: Database;
  clock: Clock;
}

interface Period {
  from: Date;
  to: Date;
}

/** A period must run forwards; the read model answers nothing sensible for an empty or reversed one. */
export function checkPeriod({ from, to }: Period): void {
  if (!(from < to)) throw userInputError('from must be before to', { field: 'from' });
}

const category = (code: string | null) => (code ? categoryByCode(code) ?? { code, name: code, parentCode: null } : null);
const point = (row: { lng: number | null; lat: number | null }) => (row.lng !== null && row.lat !== null ? { lng: row.lng, lat: row.lat } : null);

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
    openCaseMap: (_root, args: { first?: number | null; streetId?: string | null }, { db }) =>
      openCases(db, { first: pageSize(args.first, MAX_PAGE_SIZE), streetId: args.streetId ?? null }),
  },
  Hotspot: {
    category: (row: HotspotRow) => category(row.categoryCode),
    location: point,
  },
  OpenCasePoint: {
    case: (row: OpenCaseRow) => ({ id: row.caseId }),
    category: (row: OpenCaseRow) => category(row.categoryCode),
    location: point,
  },
};
