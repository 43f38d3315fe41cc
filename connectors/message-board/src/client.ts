import { fetchJsonPage, type ChannelAdapter, type SourceClient, type SourcePage, type TimeRange } from '@huying/connector-kit';
import type { LegacyPost, PostPage } from './legacyPost';
import { mapPost } from './mapping';

/** Follows the board's opaque cursor; the checkpoint is the cursor itself. */
export function messageBoardAdapter(options: { pageSize: number }): ChannelAdapter<LegacyPost> {
  return {
    channel: 'MESSAGE_BOARD',
    async fetchPage(client: SourceClient, checkpoint: string | null, range?: TimeRange): Promise<SourcePage<LegacyPost>> {
      const body = await fetchJsonPage<PostPage>(client, {
        system: 'message board',
        path: '/board/posts',
        query: { cursor: checkpoint ?? undefined, limit: options.pageSize },
        range,
      });
      return { records: body.data, next: body.next_cursor, hasMore: body.has_more, total: body.total };
    },
    sourceIdOf: (post) => (typeof post?.post_id === 'string' ? post.post_id : null),
    map: mapPost,
  };
}
