import { words } from '../src/dedup/segmenter';
import type { TermFrequencies } from '../src/dedup/termWeights';

/**
 * Document frequencies of words (jieba's segmentation, lower case) and letters over `posts`, with the
 * progress said on stderr every `every` posts. Words found in one post only are left out: a word never
 * seen weighs as one seen once, and the file stays small.
 */
export function termFrequencies(posts: Iterable<string>, every = 2000): TermFrequencies {
  const wordCounts = new Map<string, number>();
  const letterCounts = new Map<string, number>();
  let documents = 0;
  for (const post of posts) {
    documents += 1;
    const text = post.normalize('NFKC');
    for (const word of new Set(words(text).map((word) => word.toLowerCase()))) {
      if (/[\p{L}\p{N}]/u.test(word)) wordCounts.set(word, (wordCounts.get(word) ?? 0) + 1);
    }
    for (const letter of new Set(text.toLowerCase().replace(/[^\p{L}\p{N}]/gu, ''))) letterCounts.set(letter, (letterCounts.get(letter) ?? 0) + 1);
    if (documents % every === 0) process.stderr.write(`  term frequencies: ${documents.toLocaleString('en')} posts\n`);
  }
  const sorted = (counts: Map<string, number>, least: number) =>
    Object.fromEntries([...counts].filter(([, n]) => n >= least).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return { documents, words: sorted(wordCounts, 2), letters: sorted(letterCounts, 1) };
}
