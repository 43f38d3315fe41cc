import { once } from 'node:events';
import type { Request, Response, Router } from 'express';
import { stringify } from 'csv-stringify';
import { callerFromHeaders, DomainError, mayAsk, refusal, type Audience, type Clock, type Database } from '@huying/runtime';
import { ANALYTICS_ACCESS } from './access';
import { categoryByCode } from '@huying/schema';
import { KPI_DIMENSIONS, type KpiDimension, type TrendDimension, type TrendInterval } from './dimensions';
import { hotspots } from './hotspots';
import { kpis } from './kpis';
import { monthlyProblemQuery, monthlyProblems } from './monthlyProblemsQuery';
import { trends } from './trends';

/** Cases read per query while streaming: memory stays flat whatever the export's size. */
const CASE_PAGE = 5000;

class ExportRequestError extends Error {
  constructor(
    message: string,
    readonly field: string,
  ) {
    super(message);
  }
}

/**
 * CSV exports for analysts (UTF-8 with a BOM so Excel reads the Chinese), streamed row by row:
 *   GET /export/kpis.csv?from=…&to=…&groupBy=STREET,MONTH
 *   GET /export/trends.csv?from=…&to=…&interval=DAY|WEEK|MONTH&by=CATEGORY|STREET|COMMUNITY|CHANNEL
 *   GET /export/hotspots.csv?from=…&to=…&first=100&minCases=2
 *   GET /export/cases.csv?from=…&to=…            every counted case with its KPI columns (millions of rows)
 *   GET /export/monthly-problems.csv?month=2026-11&streetId=…&first=50&minRequests=3   每月一题
 * `from` and `to` are ISO times; a bad parameter answers 400 with `{ error, field }`.
 */
export function csvExportRoutes(router: Router, deps: { db: Database; clock: Clock }): void {
  const { db, clock } = deps;
  router.get('/export/kpis.csv', exportWith(ANALYTICS_ACCESS['Query.kpis']!, async (request) => {
    const period = periodOf(request);
    const groupBy = listParam(request, 'groupBy').map((dimension) => {
      if (!(KPI_DIMENSIONS as readonly string[]).includes(dimension)) throw new ExportRequestError(`groupBy: unknown dimension ${dimension}`, 'groupBy');
      return dimension as KpiDimension;
    });
    const header = ['key', 'label', 'departmentName', 'cases', 'respondedOnTime', 'resolved', 'evaluated', 'satisfied', 'slaJudged', 'slaMet', 'repeated',
      'responseRate', 'resolutionRate', 'satisfactionRate', 'slaComplianceRate', 'repeatComplaintRate'] as const;
    return {
      header: [...header],
      rows: (await kpis(db, { ...period, groupBy, now: clock.now() })).map((row) => header.map((column) => row[column])),
    };
  }));
  router.get('/export/trends.csv', exportWith(ANALYTICS_ACCESS['Query.trends']!, async (request) => {
    const interval = oneOf(request, 'interval', ['DAY', 'WEEK', 'MONTH'], 'DAY') as TrendInterval;
    const by = oneOf(request, 'by', ['CATEGORY', 'STREET', 'COMMUNITY', 'CHANNEL', ''], '') as TrendDimension | '';
    const points = await trends(db, { ...periodOf(request), interval, by: by || null });
    return {
      header: ['period', 'key', 'name', 'cases', 'previous', 'change', 'changeRate'],
      rows: points.map((trendPoint) => [trendPoint.period, trendPoint.key, trendPoint.name, trendPoint.cases, trendPoint.previous, trendPoint.change, trendPoint.changeRate]),
    };
  }));
  router.get('/export/hotspots.csv', exportWith(ANALYTICS_ACCESS['Query.hotspots']!, async (request) => {
    const first = wholeNumber(request, 'first', 100);
    const minCases = wholeNumber(request, 'minCases', 2);
    const rows = await hotspots(db, { ...periodOf(request), first, minCases });
    return {
      header: ['place', 'placeName', 'categoryCode', 'categoryName', 'cases', 'reports', 'openCases', 'repeatCases', 'lastAt', 'lng', 'lat'],
      rows: rows.map((row) => [row.place, row.placeName, row.categoryCode, row.categoryCode ? categoryByCode(row.categoryCode)?.name : null, row.cases, row.reports,
        row.openCases, row.repeatCases, row.lastAt.toISOString(), row.lng, row.lat]),
    };
  }));
  router.get('/export/monthly-problems.csv', exportWith(ANALYTICS_ACCESS['Query.monthlyProblems']!, async (request) => {
    const text = (name: string) => (typeof request.query[name] === 'string' ? (request.query[name] as string) : undefined);
    const query = monthlyProblemQuery({ month: text('month') ?? '', streetId: text('streetId'), first: wholeNumber(request, 'first', 50), minRequests: wholeNumber(request, 'minRequests', 3) });
    const rows = await monthlyProblems(db, query);
    return {
      header: ['month', 'streetId', 'streetName', 'categoryCode', 'categoryName', 'requests', 'baseline', 'monthsPresent', 'heat', 'growing', 'persistent'],
      rows: rows.map((row) => [row.month, row.streetId, row.streetName, row.categoryCode, row.categoryCode ? categoryByCode(row.categoryCode)?.name : null, row.requests,
        Number(row.baseline.toFixed(2)), row.monthsPresent, Number(row.heat.toFixed(2)), row.growing, row.persistent]),
    };
  }));
  // One row per case: the command centre's, like the open-case map.
  router.get('/export/cases.csv', exportWith(ANALYTICS_ACCESS['Query.openCaseMap']!, async (request, write) => {
    const { from, to } = periodOf(request);
    const header = ['case_id', 'created_at', 'channel', 'category_code', 'street_id', 'community_id', 'department_id', 'round', 'responded_at',
      'deadline_at', 'resolved', 'resolved_at', 'satisfied', 'light', 'report_count', 'has_repeat'];
    await write(header);
    let after: [Date, string] | null = null;
    for (;;) {
      const page: Record<string, unknown>[] = await db.query<Record<string, unknown>>(
        `SELECT ${header.join(', ')} FROM analytics.case_fact
          WHERE created_at >= $1 AND created_at < $2 AND merged_into IS NULL
            AND ($3::timestamptz IS NULL OR (created_at, case_id) > ($3, $4))
          ORDER BY created_at, case_id LIMIT ${CASE_PAGE}`,
        [from, to, after?.[0] ?? null, after?.[1] ?? null],
      );
      for (const row of page) await write(header.map((column) => (row[column] instanceof Date ? (row[column] as Date).toISOString() : row[column])));
      if (page.length < CASE_PAGE) return null;
      const last = page[page.length - 1]!;
      after = [last.created_at as Date, last.case_id as string];
    }
  }));
}

type WriteRow = (row: unknown[]) => Promise<void>;

/** Runs an export: either it writes rows itself (huge ones) or returns a small table to write. */
function exportWith(audiences: readonly Audience[], produce: (request: Request, write: WriteRow) => Promise<{ header: string[]; rows: unknown[][] } | null>) {
  return async (request: Request, response: Response) => {
    // The same rule as the field the export mirrors.
    const caller = callerFromHeaders(request.headers);
    if (!mayAsk(caller, audiences)) {
      const refused = refusal(caller, `/export${request.path}`);
      response.status(caller.role ? 403 : 401).json({ error: refused.message, code: refused.extensions.code });
      return;
    }
    const csv = stringify({ bom: true, cast: { boolean: (value) => (value ? 'true' : 'false') } });
    let started = false;
    const write: WriteRow = async (row) => {
      if (!started) {
        started = true;
        response.status(200).type('text/csv; charset=utf-8').attachment(request.path.split('/').pop());
        csv.pipe(response);
      }
      if (!csv.write(row)) await once(csv, 'drain');
    };
    try {
      const table = await produce(request, write);
      if (table) {
        await write(table.header);
        for (const row of table.rows) await write(row);
      }
      csv.end();
    } catch (error) {
      if (!started) {
        // a parameter the export refused itself, or one the query it shares with the graph refused
        const field = error instanceof ExportRequestError ? error.field : error instanceof DomainError && error.extensions.code === 'BAD_USER_INPUT' ? String(error.extensions.field) : undefined;
        response.status(field ? 400 : 500).json({ error: field ? (error as Error).message : 'export failed', field });
      } else {
        // The header is out: all we can do is cut the stream so the client sees it incomplete.
        response.destroy(error as Error);
      }
    }
  };
}

function periodOf(request: Request): { from: Date; to: Date } {
  const from = timeParam(request, 'from');
  const to = timeParam(request, 'to');
  if (!(from < to)) throw new ExportRequestError('from must be before to', 'from');
  return { from, to };
}

function timeParam(request: Request, name: string): Date {
  const value = request.query[name];
  const time = typeof value === 'string' ? new Date(value) : new Date(Number.NaN);
  if (Number.isNaN(time.getTime())) throw new ExportRequestError(`${name} must be an ISO time (2026-03-01T00:00:00+08:00)`, name);
  return time;
}

function listParam(request: Request, name: string): string[] {
  const value = request.query[name];
  return typeof value === 'string' ? value.split(',').map((part) => part.trim()).filter(Boolean) : [];
}

function oneOf(request: Request, name: string, allowed: string[], fallback: string): string {
  const value = request.query[name];
  if (value === undefined) return fallback;
  if (typeof value !== 'string' || !allowed.includes(value)) throw new ExportRequestError(`${name} must be one of ${allowed.filter(Boolean).join(', ')}`, name);
  return value;
}

function wholeNumber(request: Request, name: string, fallback: number): number {
  const value = request.query[name];
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1 || parsed > 100_000) throw new ExportRequestError(`${name} must be a whole number from 1 to 100000`, name);
  return parsed;
}
