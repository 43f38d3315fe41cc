/** A post on the city message board (城市留言板), as its web API returns it; times to the minute, local. */
export interface LegacyPost {
  post_id: string;
  title: string;
  content: string;
  /** "2026-11-20 08:30" */
  post_time: string;
  nickname: string;
  likes: number;
  /** The department's published reply, once there is one. */
  reply: { dept: string; content: string; reply_time: string } | null;
  status: string;
}

export interface PostPage {
  data: LegacyPost[];
  /** Opaque: hand it back to continue after this page. */
  next_cursor: string;
  has_more: boolean;
  total: number;
}
