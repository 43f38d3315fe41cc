import type { ChannelAdapter, SourceClient, SourcePage, TimeRange } from '@huying/connector-kit';
import { formatShanghaiLocalTime } from '@huying/schema';
import type { LegacyPost, PostPage } from './legacyPost';
import { mapPost } from './mapping';

/** Follows the board's opaque cursor; the checkpoint is the cursor itself. */
export function messageBoardAdapter(options: { pageSize: number }): ChannelAdapter<LegacyPost> {
  return {
    channel: 'MESSAGE_BOARD',
    async fetchPage(client: SourceClient, checkpoint: string | null, range?: TimeRange): Promise<SourcePage<LegacyPost>> {
      const response = await client.get('/board/posts', {
        cursor: checkpoint ?? undefined,
        limit: options.pageSize,
        from: range ? formatShanghaiLocalTime(range.from) : undefined,
        to: range ? formatShanghaiLocalTime(range.to) : undefined,
      });
      if (response.status !== 200) throw new Error(`message board answered HTTP ${response.status}`);
      const body = JSON.parse(response.body.toString('utf8')) as PostPage;
      return { records: body.data, next: body.next_cursor, hasMore: body.has_more, total: body.total };
    },
    sourceIdOf: (post) => (typeof post?.post_id === 'string' ? post.post_id : null),
    map: mapPost,
  };
}
