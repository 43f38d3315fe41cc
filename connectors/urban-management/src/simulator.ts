import { XMLBuilder } from 'fast-xml-parser';
import { localTimeParam, serveLegacySystem, type FeedEntry, type LegacySystemOptions, type RunningLegacySystem } from '@huying/connector-kit';
import { fromWgs84, type CoordinateSystem } from '@huying/schema';
import { TOPICS, unitGridCode } from '@huying/synthetic';
import type { LegacyUrbanCase } from './legacyCase';

export interface UrbanManagementSimulatorOptions extends LegacySystemOptions {
  crs?: CoordinateSystem;
}

const INSPECTORS = ['监督员001 周强', '监督员014 吴军', '监督员023 郑涛', '监督员037 孙丽'];
const builder = new XMLBuilder({ format: false, suppressEmptyNode: false });

/**
 * 数字城管: `GET /dcm/cases?modifiedSince=&afterCaseNo=&rows=[&until=]` answers XML with each case's
 * latest state changed after the watermark (modified-since), coordinates in GCJ-02, local times.
 */
export function startUrbanManagementSimulator(options: UrbanManagementSimulatorOptions): Promise<RunningLegacySystem> {
  const crs = options.crs ?? 'GCJ02';
  return serveLegacySystem('URBAN_MANAGEMENT', options, {
    path: '/dcm/cases',
    notFound: { status: 404, contentType: 'application/xml', body: '<error>not found</error>' },
    answer(url, feed) {
      const rows = Number(url.searchParams.get('rows') ?? 50);
      const since = url.searchParams.get('modifiedSince') ? localTimeParam(url, 'modifiedSince') : new Date(0);
      const until = localTimeParam(url, 'until');
      const afterCaseNo = url.searchParams.get('afterCaseNo') ?? '';
      if (!(rows >= 1 && rows <= 500) || !since || until === null) return { status: 400, contentType: 'application/xml', body: '<error>bad parameters</error>' };
      // Keyset (modifiedTime, caseNo) after the watermark; the system keeps times to the second. The log is in time
      // order, so the page is its first `rows` latest versions after the watermark (the whole of the last second's,
      // sorted by case number); the rest is only counted.
      const page: { entry: FeedEntry; second: number; caseNo: string }[] = [];
      let total = 0;
      for (const entry of feed.latestFrom(since)) {
        if (until && entry.at >= until) break;
        const second = Math.floor(entry.at.getTime() / 1000) * 1000;
        if (second === since.getTime() && caseNoOf(entry) <= afterCaseNo) continue;
        total++;
        if (page.length < rows || second === page[page.length - 1]!.second) page.push({ entry, second, caseNo: caseNoOf(entry) });
      }
      page.sort((a, b) => a.second - b.second || a.caseNo.localeCompare(b.caseNo));
      const cases = page.slice(0, rows).map(({ entry }) => caseOf(entry, crs));
      const xml = builder.build({ response: { total, cases: { case: cases.map(({ photos, ...rest }) => ({ ...rest, photos: { photo: photos } })) } } }) as string;
      return { contentType: 'application/xml; charset=utf-8', body: `<?xml version="1.0" encoding="UTF-8"?>${xml}` };
    },
  });
}

export function caseNoOf(entry: FeedEntry): string {
  return `CG${String(entry.recordNo).padStart(8, '0')}`;
}

export function caseOf(entry: FeedEntry, crs: CoordinateSystem = 'GCJ02'): LegacyUrbanCase {
  const { record, version, malformed } = entry;
  const topic = TOPICS.find((candidate) => candidate.key === record.topicKey)!;
  const shifted = fromWgs84(record.location, crs);
  return {
    caseNo: caseNoOf(entry),
    eventType: topic.urban.kind,
    majorCode: topic.urban.majorCode,
    majorName: topic.urban.majorName,
    minorCode: topic.urban.minorCode,
    minorName: topic.urban.minorName,
    gridCode: unitGridCode(record.location),
    // A broken record: the inspector's device sent no fix.
    x: malformed ? '' : shifted.lng.toFixed(6),
    y: malformed ? '' : shifted.lat.toFixed(6),
    address: record.address,
    description: record.text,
    inspector: INSPECTORS[entry.recordNo % INSPECTORS.length]!,
    foundTime: localSecond(record.reportedAt),
    modifiedTime: localSecond(entry.at),
    status: version > 1 ? '已结案' : '已立案',
    photos: [`http://szcg.example/photo/${caseNoOf(entry)}_1.jpg`],
  };
}

function localSecond(date: Date): string {
  return new Date(date.getTime() + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
}
