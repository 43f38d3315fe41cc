import { malformed, Open311Error } from './open311Error';
import { field, type FormFields } from './postedRequest';

/** A case's public face as the graph answers `serviceRequests` (cases and dispatch together). */
export interface GraphServiceRequest {
  id: string;
  status: string;
  statusName: string;
  open: boolean;
  category: { code: string; name: string } | null;
  summary: string;
  address: string | null;
  location: { lat: number; lng: number } | null;
  requestedAt: string;
  updatedAt: string;
  mergedInto: string | null;
  reportCount: number;
  agencyResponsible: string | null;
  expectedAt: string | null;
}

/** GeoReport v2's service request, field for field in the spec's order. */
export interface Open311Request {
  service_request_id: string;
  status: 'open' | 'closed';
  status_notes: string | null;
  service_name: string | null;
  service_code: string;
  description: string | null;
  agency_responsible: string | null;
  service_notice: string | null;
  requested_datetime: string;
  updated_datetime: string | null;
  expected_datetime: string | null;
  address: string | null;
  address_id: string | null;
  zipcode: string | null;
  lat: number | null;
  long: number | null;
  media_url: string | null;
  /** Chicago's `extensions=true`: how the hub's one-case-per-issue shows through. */
  extended_attributes?: {
    duplicate: boolean;
    parent_service_request_id: string | null;
    report_count: number;
    status_name: string;
  };
}

// A case with no category yet is filed as 其他诉求 (the tree's catch-all leaf), as intake does.
const UNCATEGORISED = '9901';

/**
 * One case as a GeoReport request: open while 已受理/已派单/办理中, closed once 已办结, 已归档 or 已并案. A
 * merged case says so as San Francisco's feed does ("Duplicate request.") and names the request it joined.
 */
export function requestOf(node: GraphServiceRequest, extensions = false): Open311Request {
  const request: Open311Request = {
    service_request_id: node.id,
    status: node.open ? 'open' : 'closed',
    status_notes: node.mergedInto ? `Duplicate request. ${node.statusName}：并入 ${node.mergedInto}` : node.statusName,
    service_name: node.category?.name ?? null,
    service_code: node.category?.code ?? UNCATEGORISED,
    description: node.summary,
    agency_responsible: node.agencyResponsible,
    service_notice: null,
    requested_datetime: node.requestedAt,
    updated_datetime: node.updatedAt,
    expected_datetime: node.expectedAt,
    address: node.address,
    address_id: null,
    zipcode: null,
    lat: node.location?.lat ?? null,
    long: node.location?.lng ?? null,
    media_url: null,
  };
  if (extensions) {
    request.extended_attributes = {
      duplicate: node.mergedInto !== null,
      parent_service_request_id: node.mergedInto,
      report_count: node.reportCount,
      status_name: node.statusName,
    };
  }
  return request;
}

/** What a client is told when its request is taken: a new case, or one it joined. */
export function noticeOf(outcome: string, reportCount: number): string {
  return outcome === 'NEW_CASE'
    ? '已受理：已立案，将按时限派单办理。'
    : `已受理：与同一问题的已有诉求合并办理（该问题共 ${reportCount} 件诉求）。`;
}

/** The graph's filter of `GET requests`, and how many to answer. */
export interface RequestQuery {
  filter: {
    ids?: string[];
    categories?: string[];
    open?: boolean;
    requestedAfter?: string;
    requestedBefore?: string;
  };
  limit: number;
  extensions: boolean;
}

export interface RequestQueryLimits {
  /** Without dates, the last this many days (the spec's default: 90). */
  defaultDays: number;
  defaultPageSize: number;
  maxPageSize: number;
}

/**
 * `GET requests` parameters as a filter. `service_request_id` (comma-separated) overrides the others, as the
 * spec says; `service_code` and `status` may list several; `start_date`/`end_date` bound `requested_datetime`
 * (end inclusive). Chicago's `page_size` sets how many (newest first).
 */
export function requestQueryOf(query: FormFields, now: Date, limits: RequestQueryLimits): RequestQuery {
  const extensions = field(query, 'extensions') === 'true';
  const limit = pageSizeOf(field(query, 'page_size'), limits);
  const ids = list(field(query, 'service_request_id'));
  if (ids) return { filter: { ids }, limit: Math.max(limit, ids.length), extensions };

  const start = dateOf(query, 'start_date');
  const end = dateOf(query, 'end_date');
  if (start && end && start > end) throw malformed('start_date', 'it is after end_date');
  const filter: RequestQuery['filter'] = {};
  const categories = list(field(query, 'service_code'));
  if (categories) filter.categories = categories;
  const statuses = list(field(query, 'status'));
  if (statuses) {
    const unknown = statuses.find((status) => status !== 'open' && status !== 'closed');
    if (unknown) throw malformed('status', `"${unknown}" is neither open nor closed`);
    if (statuses.length === 1 || new Set(statuses).size === 1) filter.open = statuses[0] === 'open';
  }
  const after = start ?? (end ? undefined : new Date(now.getTime() - limits.defaultDays * 86_400_000));
  if (after) filter.requestedAfter = after.toISOString();
  // The graph's bound is exclusive; the spec's end_date is the latest time to include.
  if (end) filter.requestedBefore = new Date(end.getTime() + 1).toISOString();
  return { filter, limit, extensions };
}

function pageSizeOf(text: string | undefined, limits: RequestQueryLimits): number {
  if (text === undefined) return limits.defaultPageSize;
  const size = Number(text);
  if (!Number.isInteger(size) || size < 1 || size > limits.maxPageSize) throw malformed('page_size', `a whole number from 1 to ${limits.maxPageSize}`);
  return size;
}

// W3C / RFC 3339 date-times as the spec writes them (2010-04-14T06:37:38-08:00); a bare date means its midnight UTC.
const DATE_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2}))?$/;

function dateOf(query: FormFields, name: string): Date | undefined {
  const text = field(query, name);
  if (text === undefined) return undefined;
  const date = new Date(text);
  if (!DATE_TIME.test(text) || Number.isNaN(date.getTime())) throw malformed(name, 'a date-time such as 2026-11-20T08:00:00+08:00');
  return date;
}

function list(text: string | undefined): string[] | undefined {
  const items = text?.split(',').map((item) => item.trim()).filter(Boolean);
  return items?.length ? items : undefined;
}

/** A service request id is a case's id; anything else can only be unknown. */
export function unknownRequest(id: string): Open311Error {
  return new Open311Error(404, `service_request_id ${id} was not found`);
}
