import iconv from 'iconv-lite';
import { localTimeParam, serveLegacySystem, type FeedEntry, type LegacySystemOptions, type RunningLegacySystem } from '@huying/connector-kit';
import { TOPICS } from '@huying/synthetic';
import type { LegacyTicket, TicketPage } from './legacyTicket';

export interface HotlineSimulatorOptions extends LegacySystemOptions {
  encoding?: string;
}

const AGENTS = ['1021 张丽', '1034 刘芳', '1047 王婷', '1052 陈静', '1068 杨敏'];

/**
 * The 12345 call-centre system: `GET /api/tickets?page=&pageSize=[&beginTime=&endTime=]`, pages by page
 * number over its work-order log (an updated order shows up again), JSON encoded in GBK, local times.
 */
export function startHotlineSimulator(options: HotlineSimulatorOptions): Promise<RunningLegacySystem> {
  const encoding = options.encoding ?? 'gbk';
  return serveLegacySystem('HOTLINE', options, {
    path: '/api/tickets',
    notFound: { status: 404, contentType: 'application/json', body: '{"code":404}' },
    answer(url, feed) {
      const page = Number(url.searchParams.get('page') ?? 1);
      const pageSize = Number(url.searchParams.get('pageSize') ?? 50);
      const begin = localTimeParam(url, 'beginTime');
      const end = localTimeParam(url, 'endTime');
      if (!(page >= 1) || !(pageSize >= 1 && pageSize <= 500) || begin === null || end === null) {
        return { status: 400, contentType: 'application/json', body: '{"code":400,"msg":"参数错误"}' };
      }
      const entries = feed.within(begin, end);
      const body: TicketPage = { code: 0, total: entries.length, page, pageSize, rows: entries.slice((page - 1) * pageSize, page * pageSize).map(ticketOf) };
      return { contentType: `application/json;charset=${encoding.toUpperCase()}`, body: iconv.encode(JSON.stringify(body), encoding) };
    },
  });
}

export function ticketOf(entry: FeedEntry): LegacyTicket {
  const { record, recordNo, version, malformed } = entry;
  const topic = TOPICS.find((candidate) => candidate.key === record.topicKey)!;
  const day = localTime(record.reportedAt).slice(0, 10).replaceAll('/', '');
  const answered = version > 1 && record.followUp;
  return {
    gdbh: `GD${day}${String(recordNo).padStart(6, '0')}`,
    // A broken record: the system let an agent type an impossible time.
    ldsj: malformed ? '2026/13/45 25:61:00' : localTime(record.reportedAt),
    ldhm: record.contact,
    lxr: record.reporterName,
    sqbt: record.title,
    sqnr: record.text,
    fsdz: record.address,
    sqfl: topic.agentCategory,
    slzx: AGENTS[recordNo % AGENTS.length]!,
    sfhf: recordNo % 3 === 0 ? '否' : '是',
    gdzt: answered ? '已办结' : '已受理',
    blfk: answered ? record.followUp!.reply : '',
    xgsj: localTime(entry.at),
  };
}

/** Beijing wall-clock time the way the call centre writes it: 2026/11/20 08:30:05. */
function localTime(date: Date): string {
  return new Date(date.getTime() + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ').replaceAll('-', '/');
}
