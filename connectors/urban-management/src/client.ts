import { XMLParser } from 'fast-xml-parser';
import type { ChannelAdapter, SourceClient, SourcePage, TimeRange } from '@huying/connector-kit';
import { formatShanghaiLocalTime, type CoordinateSystem } from '@huying/schema';
import type { LegacyUrbanCase } from './legacyCase';
import { mapUrbanCase } from './mapping';

// Codes like "0103" and grid codes must stay strings; photos is a list even with one photo.
const parser = new XMLParser({ parseTagValue: false, isArray: (name) => name === 'case' || name === 'photo' });

interface CasesXml {
  response?: { total?: string; cases?: { case?: (Omit<LegacyUrbanCase, 'photos'> & { photos?: { photo?: string[] } | '' })[] } | '' };
}

/**
 * Pulls 数字城管 by modified-since. The checkpoint is the watermark: the last case's modification time
 * and number (`2026-11-20 08:30:05|CG00000042`), so cases changed in the same second are not lost.
 */
export function urbanManagementAdapter(options: { pageSize: number; crs: CoordinateSystem }): ChannelAdapter<LegacyUrbanCase> {
  return {
    channel: 'URBAN_MANAGEMENT',
    async fetchPage(client: SourceClient, checkpoint: string | null, range?: TimeRange): Promise<SourcePage<LegacyUrbanCase>> {
      const [since, afterCaseNo] = checkpoint ? checkpoint.split('|') : [range ? formatShanghaiLocalTime(range.from) : undefined, undefined];
      const response = await client.get('/dcm/cases', {
        modifiedSince: since,
        afterCaseNo,
        rows: options.pageSize,
        until: range ? formatShanghaiLocalTime(range.to) : undefined,
      });
      if (response.status !== 200) throw new Error(`数字城管 answered HTTP ${response.status}`);
      const parsed = parser.parse(response.body.toString('utf8')) as CasesXml;
      const cases = typeof parsed.response?.cases === 'object' ? (parsed.response.cases.case ?? []) : [];
      const records = cases.map(({ photos, ...rest }) => ({ ...rest, photos: typeof photos === 'object' ? (photos.photo ?? []) : [] }));
      const total = Number(parsed.response?.total ?? 0);
      const last = records.at(-1);
      return {
        records,
        next: last ? `${last.modifiedTime}|${last.caseNo}` : (checkpoint ?? `${since ?? '1970-01-01 08:00:00'}|`),
        hasMore: records.length < total,
        total,
      };
    },
    sourceIdOf: (record) => (typeof record?.caseNo === 'string' ? record.caseNo : null),
    map: (record) => mapUrbanCase(record, options.crs),
  };
}
