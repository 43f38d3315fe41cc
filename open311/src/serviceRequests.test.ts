import { Open311Error } from './open311Error';
import { noticeOf, requestOf, requestQueryOf, type GraphServiceRequest } from './serviceRequests';

const LIMITS = { defaultDays: 90, defaultPageSize: 200, maxPageSize: 1000 };
const NOW = new Date('2026-12-05T00:00:00Z');

const node: GraphServiceRequest = {
  id: 'c-2', status: 'MERGED', statusName: '已并案', open: false, category: null, summary: '井盖丢了', address: null, location: { lat: 30.6, lng: 114.3 },
  requestedAt: '2026-12-01T00:00:00.000Z', updatedAt: '2026-12-02T00:00:00.000Z', mergedInto: 'c-1', reportCount: 1, agencyResponsible: null, expectedAt: null,
};

describe('requestOf', () => {
  it('shows a merged case as a closed duplicate of the request it joined, filed under 其他诉求 while uncategorised', () => {
    expect(requestOf(node)).toMatchObject({ service_request_id: 'c-2', status: 'closed', status_notes: 'Duplicate request. 已并案：并入 c-1', service_code: '9901', lat: 30.6, long: 114.3 });
    expect(requestOf(node).extended_attributes).toBeUndefined();
    expect(requestOf(node, true).extended_attributes).toEqual({ duplicate: true, parent_service_request_id: 'c-1', report_count: 1, status_name: '已并案' });
  });

  it('shows an open case as open with its status in words', () => {
    expect(requestOf({ ...node, status: 'DISPATCHED', statusName: '已派单', open: true, mergedInto: null })).toMatchObject({ status: 'open', status_notes: '已派单' });
  });
});

describe('noticeOf', () => {
  it('tells a client whether its request opened a case or joined one', () => {
    expect(noticeOf('NEW_CASE', 1)).toMatch(/已立案/);
    expect(noticeOf('MERGED', 3)).toMatch(/共 3 件/);
  });
});

describe('requestQueryOf', () => {
  it('answers the last 90 days by default', () => {
    expect(requestQueryOf({}, NOW, LIMITS)).toEqual({ filter: { requestedAfter: '2026-09-06T00:00:00.000Z' }, limit: 200, extensions: false });
  });

  it('takes ids over every other filter, as the spec says', () => {
    expect(requestQueryOf({ service_request_id: 'a, b', status: 'open' }, NOW, LIMITS).filter).toEqual({ ids: ['a', 'b'] });
  });

  it('bounds requested_datetime by start_date and an inclusive end_date, and lists service codes and statuses', () => {
    const query = requestQueryOf({ start_date: '2026-11-01T00:00:00+08:00', end_date: '2026-11-02', service_code: '0202,0201', status: 'closed', page_size: '5', extensions: 'true' }, NOW, LIMITS);
    expect(query).toEqual({
      filter: { categories: ['0202', '0201'], open: false, requestedAfter: '2026-10-31T16:00:00.000Z', requestedBefore: '2026-11-02T00:00:00.001Z' },
      limit: 5,
      extensions: true,
    });
    expect(requestQueryOf({ status: 'open,closed' }, NOW, LIMITS).filter.open).toBeUndefined();
  });

  it.each([
    [{ start_date: 'yesterday' }, /start_date/],
    [{ end_date: '2026-11-02T08:00' }, /end_date/],
    [{ start_date: '2026-11-03', end_date: '2026-11-02' }, /after end_date/],
    [{ status: 'pending' }, /status/],
    [{ page_size: '1001' }, /page_size/],
  ])('refuses %j', (query, description) => {
    expect(() => requestQueryOf(query, NOW, LIMITS)).toThrow(Open311Error);
    expect(() => requestQueryOf(query, NOW, LIMITS)).toThrow(description);
  });
});
