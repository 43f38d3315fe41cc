import iconv from 'iconv-lite';
import type { ChannelAdapter, SourceClient, SourcePage, TimeRange } from '@huying/connector-kit';
import { formatShanghaiLocalTime } from '@huying/schema';
import type { LegacyTicket, TicketPage } from './legacyTicket';
import { mapTicket } from './mapping';

/**
 * Pages the 12345 work-order log by page number. The checkpoint is how many orders have been taken
 * (`offset:N`), so a half-read page is resumed at the right row.
 */
export function hotlineAdapter(options: { pageSize: number; encoding: string }): ChannelAdapter<LegacyTicket> {
  return {
    channel: 'HOTLINE',
    async fetchPage(client: SourceClient, checkpoint: string | null, range?: TimeRange): Promise<SourcePage<LegacyTicket>> {
      const offset = checkpoint ? Number(checkpoint.replace(/^offset:/, '')) : 0;
      const page = Math.floor(offset / options.pageSize) + 1;
      const response = await client.get('/api/tickets', {
        page,
        pageSize: options.pageSize,
        beginTime: range ? formatShanghaiLocalTime(range.from) : undefined,
        endTime: range ? formatShanghaiLocalTime(range.to) : undefined,
      });
      if (response.status !== 200) throw new Error(`12345 answered HTTP ${response.status}`);
      const body = JSON.parse(iconv.decode(response.body, charsetOf(response.headers.get('content-type')) ?? options.encoding)) as TicketPage;
      const rows = body.rows.slice(offset % options.pageSize);
      const next = offset + rows.length;
      return { records: rows, next: `offset:${next}`, hasMore: next < body.total, total: body.total };
    },
    sourceIdOf: (ticket) => (typeof ticket?.gdbh === 'string' ? ticket.gdbh : null),
    map: mapTicket,
    // 来电号码 and 联系人: the caller's number and name.
    personalFields: ['ldhm', 'lxr'],
  };
}

function charsetOf(contentType: string | null): string | null {
  const charset = /charset=([\w-]+)/i.exec(contentType ?? '')?.[1];
  return charset && iconv.encodingExists(charset) ? charset : null;
}
