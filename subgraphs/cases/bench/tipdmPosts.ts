import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { DATA_DIR } from './devSets';

/**
 * The 泰迪杯 2020 C 附件2 posts with their 一级分类 (`tipdm2020c/SOURCE.md` in ../shared/data; read at run
 * time, never copied into the repo). 9,210 posts, title and body jieba-segmented by a contest team with
 * stop words and punctuation removed; 495 of them also exist as raw text (the organisers' sample).
 *
 * The held-out part is fixed by a hash of the post's token string, so a post and its exact repeats (133
 * rows repeat another) always fall on the same side, and no choice of ours moves a post across.
 */
export interface TipdmPost {
  rowIndex: number;
  /** The team's tokens, in order. */
  tokens: string[];
  label: string;
  /** The message id of the same post in the raw sample, when there is one. */
  sampleMessageId: string | null;
  heldOut: boolean;
}

/** Share of posts held out (percent of the hash space). */
export const HELD_OUT_PERCENT = 20;

const FILE = 'tipdm2020c/attachment2_full_tokenized_labelled.csv';
const SAMPLE_FILE = 'tipdm2020c/attachment2_sample_labelled.csv';

function csv(path: string): Record<string, string>[] {
  return parse(readFileSync(join(DATA_DIR, path), 'utf8'), { columns: true, skip_empty_lines: true, relax_quotes: true }) as Record<string, string>[];
}

/** Whether a post (by its token string, spaces normalised) belongs to the held-out part: sha-256 mod 100. */
export function isHeldOut(tokenString: string): boolean {
  const digest = createHash('sha256').update(tokenString.trim().split(/\s+/).join(' '), 'utf8').digest();
  return digest.readUInt32BE(0) % 100 < HELD_OUT_PERCENT;
}

export function tipdmPosts(): TipdmPost[] {
  return csv(FILE).map((row) => {
    const tokens = row.tokens!.trim().split(/\s+/).filter(Boolean);
    return {
      rowIndex: Number(row.row_index),
      tokens,
      label: row.label_l1!,
      sampleMessageId: row.sample_message_id ? row.sample_message_id : null,
      heldOut: isHeldOut(tokens.join(' ')),
    };
  });
}

/**
 * The tokens glued back together: the closest thing to the raw text the full set has (stop words and
 * punctuation are gone, `A市` reads `市`), so the keyword rules and jieba can be run on it.
 */
export const joinedText = (post: TipdmPost): string => post.tokens.join('');

export interface RawSamplePost {
  messageId: string;
  text: string;
  label: string;
}

/** The organisers' raw-text sample (title, a line break, body), as a check of the run-time path on real raw input. */
export function rawSamplePosts(): RawSamplePost[] {
  return csv(SAMPLE_FILE).map((row) => ({ messageId: row.message_id!, text: `${row.title ?? ''}\n${row.body ?? ''}`, label: row.label_l1! }));
}
