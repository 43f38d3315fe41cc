import { localTimeParam, serveLegacySystem, type FeedEntry, type LegacySystemOptions, type RunningLegacySystem } from '@huying/connector-kit';
import type { LegacyPost, PostPage } from './legacyPost';

export type MessageBoardSimulatorOptions = LegacySystemOptions;

const DEPARTMENTS = ['江岸区城管执法局', '江岸区水务局', '江岸区住房和城市更新局', '江岸区生态环境分局', '百步亭花园路街道办事处', '后湖街道办事处'];
const NICKNAMES = ['江岸居民', '后湖老街坊', '热心市民', '一个上班族', '宝妈小周', '老武汉', '路过的市民'];

/**
 * The message board: `GET /board/posts?cursor=&limit=[&from=&to=]`, paged by an opaque cursor over its
 * post log (a post that gets a reply comes back with it), UTF-8 JSON, minutes in local time.
 */
export function startMessageBoardSimulator(options: MessageBoardSimulatorOptions): Promise<RunningLegacySystem> {
  return serveLegacySystem('MESSAGE_BOARD', options, {
    path: '/board/posts',
    notFound: { status: 404, contentType: 'application/json', body: '{"error":"not found"}' },
    answer(url, feed) {
      const limit = Number(url.searchParams.get('limit') ?? 20);
      const position = decodePosition(url.searchParams.get('cursor'));
      const from = localTimeParam(url, 'from');
      const to = localTimeParam(url, 'to');
      if (!(limit >= 1 && limit <= 200) || position === null || from === null || to === null) {
        return { status: 400, contentType: 'application/json', body: '{"error":"bad cursor or limit"}' };
      }
      const entries = feed.within(from, to);
      const data = entries.slice(position, position + limit).map(postOf);
      const body: PostPage = { data, next_cursor: encodePosition(position + data.length), has_more: position + data.length < entries.length, total: entries.length };
      return { contentType: 'application/json; charset=utf-8', body: JSON.stringify(body) };
    },
  });
}

// The board's cursor is opaque to clients; inside it is a position in its log.
function encodePosition(position: number): string {
  return Buffer.from(`p1:${position}`).toString('base64url');
}

function decodePosition(cursor: string | null): number | null {
  if (!cursor) return 0;
  const match = /^p1:(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  return match ? Number(match[1]) : null;
}

export function postOf(entry: FeedEntry): LegacyPost {
  const { record, recordNo, version, malformed } = entry;
  const answered = version > 1 && record.followUp;
  return {
    post_id: `LY${String(recordNo).padStart(7, '0')}`,
    title: record.title,
    // A broken record: the board lost the post body.
    content: malformed ? '' : record.text,
    post_time: localMinute(record.reportedAt),
    nickname: NICKNAMES[recordNo % NICKNAMES.length]!,
    likes: (recordNo * 7) % 40 + (answered ? 25 : 0),
    reply: answered ? { dept: DEPARTMENTS[recordNo % DEPARTMENTS.length]!, content: record.followUp!.reply, reply_time: localMinute(record.followUp!.at) } : null,
    status: answered ? '已回复' : '办理中',
  };
}

function localMinute(date: Date): string {
  return new Date(date.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}
