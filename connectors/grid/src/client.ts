import type { ChannelAdapter, SourceClient, SourcePage, TimeRange } from '@huying/connector-kit';
import { formatShanghaiLocalTime, type CoordinateSystem } from '@huying/schema';
import type { GridPage, LegacyGridReport } from './legacyGridReport';
import { mapGridReport } from './mapping';

/** Follows the platform's continuation token; the checkpoint is the token. */
export function gridAdapter(options: { pageSize: number; crs: CoordinateSystem }): ChannelAdapter<LegacyGridReport> {
  return {
    channel: 'GRID',
    async fetchPage(client: SourceClient, checkpoint: string | null, range?: TimeRange): Promise<SourcePage<LegacyGridReport>> {
      const response = await client.get('/grid/reports', {
        nextToken: checkpoint ?? undefined,
        size: options.pageSize,
        from: range ? formatShanghaiLocalTime(range.from) : undefined,
        to: range ? formatShanghaiLocalTime(range.to) : undefined,
      });
      if (response.status !== 200) throw new Error(`grid platform answered HTTP ${response.status}`);
      const body = JSON.parse(response.body.toString('utf8')) as GridPage;
      const next = body.nextToken ?? checkpoint ?? '';
      return { records: body.items, next, hasMore: body.items.length === options.pageSize, total: body.total };
    },
    sourceIdOf: (record) => (typeof record?.reportNo === 'string' ? record.reportNo : null),
    map: (record) => mapGridReport(record, options.crs),
  };
}
