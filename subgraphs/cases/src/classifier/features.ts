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

/**
 * Letter runs of 1 to `upTo` letters of the words written together (the text as the training posts have it:
 * no punctuation, no spaces, no drop words), each led by a space so that none is ever a word or a bigram.
 * They carry what a segmentation splits differently (路灯 in 路灯杆, a name jieba cuts in two).
 */
export function letterRuns(tokens: readonly string[], upTo: number): string[] {
  const letters = [...tokens.join('')];
  const out: string[] = [];
  for (let length = 1; length <= upTo; length++) {
    for (let at = 0; at + length <= letters.length; at++) {
      let run = ' ';
      for (let k = at; k < at + length; k++) run += letters[k];
      out.push(run);
    }
  }
  return out;
}

/** What the model weighs of a text: its word grams and, when it reads them, its letter runs, kept apart. */
export function featureBlocks(tokens: readonly string[], letters: number): string[][] {
  return letters > 0 ? [grams(tokens), letterRuns(tokens, letters)] : [grams(tokens)];
}

/** Sublinear TF-IDF over the model's terms (unknown ones ignored), each block scaled to unit length. */
export function tfidfVector(tokens: readonly string[], termIndex: ReadonlyMap<string, number>, idf: ArrayLike<number>, letters = 0): SparseVector {
  const vector: SparseVector = { indices: [], values: [] };
  for (const block of featureBlocks(tokens, letters)) {
    const counts = new Map<number, number>();
    for (const term of block) {
      const index = termIndex.get(term);
      if (index !== undefined) counts.set(index, (counts.get(index) ?? 0) + 1);
    }
    const from = vector.indices.length;
    let squares = 0;
    for (const [index, count] of counts) {
      const value = (1 + Math.log(count)) * idf[index]!;
      vector.indices.push(index);
      vector.values.push(value);
      squares += value * value;
    }
    const norm = Math.sqrt(squares) || 1;
    for (let at = from; at < vector.values.length; at++) vector.values[at]! /= norm;
  }
  return vector;
}
