import { localTimeParam, serveLegacySystem, type FeedEntry, type LegacySystemOptions, type RunningLegacySystem } from '@huying/connector-kit';
import { fromWgs84, INTAKE_MODE_NAMES, type CoordinateSystem } from '@huying/schema';
import { unitGridCode } from '@huying/synthetic';
import type { GridPage, LegacyGridReport } from './legacyGridReport';

export interface GridSimulatorOptions extends LegacySystemOptions {
  crs?: CoordinateSystem;
}

const WORKERS = ['网格员 李娜', '网格员 王建国', '网格员 陈晓燕', '网格员 刘洋'];

/**
 * 社管平台: `GET /grid/reports?nextToken=&size=[&from=&to=]`, paged by a continuation token over its
 * report log, coordinates in BD-09, times as compact local digits.
 */
export function startGridSimulator(options: GridSimulatorOptions): Promise<RunningLegacySystem> {
  const crs = options.crs ?? 'BD09';
  return serveLegacySystem('GRID', options, {
    path: '/grid/reports',
    notFound: { status: 404, contentType: 'application/json', body: '{"msg":"not found"}' },
    answer(url, feed) {
      const size = Number(url.searchParams.get('size') ?? 50);
      const token = url.searchParams.get('nextToken');
      const position = token ? Number.parseInt(Buffer.from(token, 'base64').toString('utf8').replace(/^seq=/, ''), 10) : 0;
      const from = localTimeParam(url, 'from');
      const to = localTimeParam(url, 'to');
      if (!(size >= 1 && size <= 500) || !Number.isInteger(position) || position < 0 || from === null || to === null) {
        return { status: 400, contentType: 'application/json', body: '{"msg":"参数错误"}' };
      }
      const entries = feed.within(from, to);
      const items = entries.slice(position, position + size).map((entry) => gridReportOf(entry, crs));
      const body: GridPage = { items, nextToken: Buffer.from(`seq=${position + items.length}`).toString('base64'), total: entries.length };
      return { contentType: 'application/json; charset=utf-8', body: JSON.stringify(body) };
    },
  });
}

export function gridReportOf(entry: FeedEntry, crs: CoordinateSystem = 'BD09'): LegacyGridReport {
  const { record, recordNo, version, malformed } = entry;
  const shifted = fromWgs84(record.location, crs);
  return {
    reportNo: `WG${String(recordNo).padStart(8, '0')}`,
    gridId: unitGridCode(record.location),
    worker: WORKERS[recordNo % WORKERS.length]!,
    source: INTAKE_MODE_NAMES[record.intakeMode],
    content: record.text,
    address: record.address,
    lng: Number(shifted.lng.toFixed(6)),
    lat: Number(shifted.lat.toFixed(6)),
    // A broken record: the worker's app sent an empty time.
    reportTime: malformed ? '' : compactLocal(record.reportedAt),
    settled: version > 1 || recordNo % 4 === 0 ? 1 : 0,
    state: version > 1 ? '已办结' : '处理中',
  };
}

function compactLocal(date: Date): string {
  return new Date(date.getTime() + 8 * 3600_000).toISOString().slice(0, 19).replace(/\D/g, '');
}
