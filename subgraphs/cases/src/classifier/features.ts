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

/**
 * The model's terms by position. A post of 2,000 letters has ~6,000 letter runs, and making a string of each to
 * look it up cost more than jieba's segmentation, so a run of up to three letters below U+10000 is found by a
 * number made of its code points instead (exact: 1 + 3 × 16 bits < 2^53). Any other run is found by its text.
 */
export interface TermIndex {
  readonly byText: ReadonlyMap<string, number>;
  readonly runsByCode: ReadonlyMap<number, number>;
}

const CODE_UNIT = 0x10000;
const CODED_RUN_LETTERS = 3;

/** The number a run of letters is found by, or null when it has to be found by its text. */
function runCode(codePoints: readonly number[], from: number, length: number): number | null {
  if (length > CODED_RUN_LETTERS) return null;
  let code = 1;
  for (let at = from; at < from + length; at++) {
    const point = codePoints[at]!;
    if (point >= CODE_UNIT) return null;
    code = code * CODE_UNIT + point;
  }
  return code;
}

export function termIndex(terms: readonly string[]): TermIndex {
  const byText = new Map<string, number>();
  const runsByCode = new Map<number, number>();
  terms.forEach((term, index) => {
    byText.set(term, index);
    if (!term.startsWith(' ')) return;
    const letters = codePointsOf(term.slice(1));
    const code = runCode(letters, 0, letters.length);
    if (code !== null) runsByCode.set(code, index);
  });
  return { byText, runsByCode };
}

function codePointsOf(text: string): number[] {
  const points: number[] = [];
  for (const letter of text) points.push(letter.codePointAt(0)!);
  return points;
}

/** The model's index of each known letter run (the same runs, in the same order, as `letterRuns`). */
function letterRunIndices(tokens: readonly string[], upTo: number, index: TermIndex): number[] {
  const letters = codePointsOf(tokens.join(''));
  const found: number[] = [];
  for (let length = 1; length <= upTo; length++) {
    for (let at = 0; at + length <= letters.length; at++) {
      const code = runCode(letters, at, length);
      const term = code !== null ? index.runsByCode.get(code) : index.byText.get(` ${String.fromCodePoint(...letters.slice(at, at + length))}`);
      if (term !== undefined) found.push(term);
    }
  }
  return found;
}

/** Sublinear TF-IDF over the model's terms (unknown ones ignored), each block scaled to unit length. */
export function tfidfVector(tokens: readonly string[], index: TermIndex, idf: ArrayLike<number>, letters = 0): SparseVector {
  const vector: SparseVector = { indices: [], values: [] };
  const gramIndices: number[] = [];
  for (const gram of grams(tokens)) {
    const term = index.byText.get(gram);
    if (term !== undefined) gramIndices.push(term);
  }
  const blocks = letters > 0 ? [gramIndices, letterRunIndices(tokens, letters, index)] : [gramIndices];
  for (const block of blocks) {
    const counts = new Map<number, number>();
    for (const term of block) counts.set(term, (counts.get(term) ?? 0) + 1);
    const from = vector.indices.length;
    let squares = 0;
    for (const [term, count] of counts) {
      const value = (1 + Math.log(count)) * idf[term]!;
      vector.indices.push(term);
      vector.values.push(value);
      squares += value * value;
    }
    const norm = Math.sqrt(squares) || 1;
    for (let at = from; at < vector.values.length; at++) vector.values[at]! /= norm;
  }
  return vector;
}
