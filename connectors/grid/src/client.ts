import { fetchJsonPage, type ChannelAdapter, type SourceClient, type SourcePage, type TimeRange } from '@huying/connector-kit';
import type { CoordinateSystem } from '@huying/schema';
import type { GridPage, LegacyGridReport } from './legacyGridReport';
import { mapGridReport } from './mapping';

/** Follows the platform's continuation token; the checkpoint is the token. */
export function gridAdapter(options: { pageSize: number; crs: CoordinateSystem }): ChannelAdapter<LegacyGridReport> {
  return {
    channel: 'GRID',
    async fetchPage(client: SourceClient, checkpoint: string | null, range?: TimeRange): Promise<SourcePage<LegacyGridReport>> {
      const body = await fetchJsonPage<GridPage>(client, {
        system: 'grid platform',
        path: '/grid/reports',
        query: { nextToken: checkpoint ?? undefined, size: options.pageSize },
        range,
      });
      const next = body.nextToken ?? checkpoint ?? '';
      return { records: body.items, next, hasMore: body.items.length === options.pageSize, total: body.total };
    },
    sourceIdOf: (record) => (typeof record?.reportNo === 'string' ? record.reportNo : null),
    map: (record) => mapGridReport(record, options.crs),
  };
}
