import type { Mapping } from '@huying/connector-kit';
import { parseShanghaiLocalTime } from '@huying/schema';
import type { LegacyPost } from './legacyPost';

/** A message-board post → our report (no phone, no coordinates: the board has neither), plus `boardPost`. */
export function mapPost(post: LegacyPost): Mapping {
  if (typeof post?.post_id !== 'string' || post.post_id === '') return { ok: false, reason: 'post_id is missing' };
  const postedAt = parseShanghaiLocalTime(String(post.post_time ?? ''));
  if (!postedAt) return { ok: false, reason: `post_time "${post.post_time}" is not a valid local time` };
  const repliedAt = post.reply ? parseShanghaiLocalTime(post.reply.reply_time) : null;
  if (post.reply && !repliedAt) return { ok: false, reason: `reply.reply_time "${post.reply.reply_time}" is not a valid local time` };
  return {
    ok: true,
    report: {
      channel: 'MESSAGE_BOARD',
      sourceId: post.post_id,
      receivedAt: postedAt,
      title: post.title,
      text: post.content,
      address: null,
      location: null,
      categoryHint: null,
      contact: null,
      intakeMode: 'ONLINE',
    },
    native: {
      postId: post.post_id,
      title: post.title,
      postedAt: postedAt.toISOString(),
      nickname: post.nickname,
      likes: Number(post.likes) || 0,
      status: post.status || null,
      reply: post.reply ? { department: post.reply.dept, text: post.reply.content, repliedAt: repliedAt!.toISOString() } : null,
    },
  };
}
