import { words } from '../dedup/segmenter';

/**
 * What the classifier reads of a text: jieba's words (the process's one segmenter, HMM on), lower case,
 * punctuation and spaces left out, and the model's drop words (the stop words the training posts had
 * removed, so raw text at run time looks like the training text), then word unigrams and bigrams.
 */
export function textTokens(text: string, dropWords: ReadonlySet<string>): string[] {
  const tokens: string[] = [];
  for (const word of words(text)) {
    const key = word.toLowerCase();
    if (/[\p{L}\p{N}]/u.test(key) && !/\s/u.test(key) && !dropWords.has(key)) tokens.push(key);
  }
  return tokens;
}

/** Unigrams and bigrams (two words joined by a space, which no word contains). */
export function grams(tokens: readonly string[]): string[] {
  const out = [...tokens];
  for (let at = 0; at + 1 < tokens.length; at++) out.push(`${tokens[at]} ${tokens[at + 1]}`);
  return out;
}

export interface SparseVector {
  indices: number[];
  values: number[];
}

/** Sublinear TF-IDF over the model's terms (unknown grams ignored), scaled to unit length. */
export function tfidfVector(tokens: readonly string[], termIndex: ReadonlyMap<string, number>, idf: ArrayLike<number>): SparseVector {
  const counts = new Map<number, number>();
  for (const gram of grams(tokens)) {
    const index = termIndex.get(gram);
    if (index !== undefined) counts.set(index, (counts.get(index) ?? 0) + 1);
  }
  const indices = [...counts.keys()].sort((a, b) => a - b);
  const values = indices.map((index) => (1 + Math.log(counts.get(index)!)) * idf[index]!);
  const norm = Math.sqrt(values.reduce((sum, value) => sum + value * value, 0)) || 1;
  return { indices, values: values.map((value) => value / norm) };
}
