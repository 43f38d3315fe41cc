import { createHash } from 'node:crypto';
import { keywords } from './segmenter';
import { extractPlaces, normaliseForPlaces, type PlaceMention } from './places';
import { termWeights } from './termWeights';

/** What a text says, apart from where: its problem keywords with TF-IDF weights. */
export interface ProblemText {
  keywords: ReadonlyMap<string, number>;
  /**
   * Character bigrams of the problem text: they catch what segmentation splits differently (灯坏/灯不亮).
   * Distinct and sorted, concatenated two UTF-16 units each (`sortedBigrams`): two are compared by one
   * merge walk that allocates nothing, and a stored profile is used as read, with no set to rebuild.
   */
  bigrams: string;
  /**
   * A digest of the whole text's letters and digits (`wordingFingerprint`): equal fingerprints mean a
   * repost; '' for a text with none. A digest, not the text: it is filed with every report and read for
   * every candidate, and a long post's letters would make its profile several kilobytes.
   */
  fingerprint: string;
}

/** Place names are taken out first: two problems at one address must not look alike because of it. */
export function problemText(text: string, places: readonly PlaceMention[] = extractPlaces(text)): ProblemText {
  // Spaces stay: they separate words in Latin-script text (Street Light Out ≠ StreetLightOut).
  const normalised = text.normalize('NFKC').replace(/\s+/g, ' ');
  let problem = normaliseForPlaces(text);
  if (/[A-Za-z] [A-Za-z]/.test(normalised)) problem = normalised;
  for (const place of [...places].sort((a, b) => b.name.length - a.name.length)) problem = problem.split(place.name).join(' ');
  const weights = new Map<string, number>();
  // Four decimals are all a cosine needs, and keep the filed profile short.
  for (const { keyword, weight } of keywords(problem)) weights.set(keyword.toLowerCase(), Math.round(weight * 1e4) / 1e4);
  // A letter outside the BMP (𠮷, 𡌶 in names) is two UTF-16 units: folded to one private-use unit, so no
  // bigram holds half a pair, which the database's JSON would refuse in the stored profile.
  const letters = problem.replace(/[^\p{L}\p{N}]+/gu, ' ').replace(/[\u{10000}-\u{10FFFF}]/gu, (letter) => String.fromCharCode(0xe000 + (letter.codePointAt(0)! % 0x1900)));
  const bigrams = new Set<number>();
  for (const run of letters.split(' ')) for (let at = 0; at + 2 <= run.length; at += 1) bigrams.add(bigramCode(run, at));
  const wording = wordingFingerprint(normalised);
  return { keywords: weights, bigrams: bigramString(bigrams), fingerprint: wording && passageDigest(wording) };
}

/** A short, fixed-length stand-in for a passage (an index key, a repost's fingerprint). */
export const passageDigest = (passage: string) => createHash('sha1').update(passage).digest('base64url').slice(0, 20);

/** A text's letters and digits only, lower case: the same for two texts of the same words (a repost). */
export function wordingFingerprint(text: string): string {
  return text.normalize('NFKC').replace(/[^\p{L}\p{N}]/gu, '').toLowerCase();
}

/**
 * How alike two problem texts are, 0…1: the mean of the keyword cosine (what the texts are about,
 * weighted by how telling each word is) and the bigram Dice overlap (wording). 1 for a repost.
 */
export function textSimilarity(a: ProblemText, b: ProblemText): number {
  if (a.fingerprint.length > 0 && a.fingerprint === b.fingerprint) return 1;
  return (keywordCosine(a, b) + bigramDice(a, b)) / 2;
}

/** The two UTF-16 units at `at` as one number, ordered as the pair is. */
const bigramCode = (text: string, at: number) => text.charCodeAt(at) * 65_536 + text.charCodeAt(at + 1);

function bigramString(codes: Iterable<number>): string {
  return [...codes]
    .sort((x, y) => x - y)
    .map((code) => String.fromCharCode(Math.floor(code / 65_536), code % 65_536))
    .join('');
}

/** `bigrams` of a form written before they were kept sorted and distinct, put in order. */
export function sortedBigrams(bigrams: string): string {
  const codes = new Set<number>();
  for (let at = 0; at + 2 <= bigrams.length; at += 2) codes.add(bigramCode(bigrams, at));
  return bigramString(codes);
}

export function bigramDice(a: ProblemText, b: ProblemText): number {
  const x = a.bigrams;
  const y = b.bigrams;
  if (!x.length || !y.length) return 0;
  let shared = 0;
  for (let i = 0, j = 0; i < x.length && j < y.length; ) {
    const left = bigramCode(x, i);
    const right = bigramCode(y, j);
    if (left === right) {
      shared += 1;
      i += 2;
      j += 2;
    } else if (left < right) i += 2;
    else j += 2;
  }
  return (4 * shared) / (x.length + y.length);
}

export function keywordCosine(a: ProblemText, b: ProblemText): number {
  let dot = 0;
  let normA = 0;
  let normB = 0;
  for (const [word, weight] of a.keywords) {
    normA += weight * weight;
    const other = b.keywords.get(word);
    if (other !== undefined) dot += weight * other;
  }
  for (const weight of b.keywords.values()) normB += weight * weight;
  return normA === 0 || normB === 0 ? 0 : Math.min(1, dot / Math.sqrt(normA * normB));
}

/** The distinct letters of a problem text, read off its bigrams (each letter stands in one at least). */
const lettersOf = new WeakMap<ProblemText, Map<string, number>>();

function weightedLetters(text: ProblemText): Map<string, number> {
  let letters = lettersOf.get(text);
  if (!letters) {
    const weights = termWeights();
    letters = new Map();
    for (let at = 0; at < text.bigrams.length; at += 1) {
      const letter = text.bigrams[at]!;
      if (!letters.has(letter)) letters.set(letter, weights.letterIdf(letter));
    }
    lettersOf.set(text, letters);
  }
  return letters;
}

/**
 * Cosine of the two texts' letter sets, each letter weighted by how rare it is in complaints: words
 * that share a telling letter (窨井盖/井盖, 臭味/恶臭) agree in part where keywords do not at all.
 */
export function letterCosine(a: ProblemText, b: ProblemText): number {
  return weightedCosine(weightedLetters(a), weightedLetters(b));
}

/**
 * The same over the problem's letters and those of the places named with it: on one river or road,
 * two reports that name the same stretch (美伦雅居, 三高路) read more alike than two that name others.
 */
export function letterCosineWithPlaces(a: { problem: ProblemText; placeNames: string }, b: { problem: ProblemText; placeNames: string }): number {
  return weightedCosine(withPlaceLetters(a.problem, a.placeNames), withPlaceLetters(b.problem, b.placeNames));
}

function withPlaceLetters(problem: ProblemText, placeNames: string): Map<string, number> {
  const letters = weightedLetters(problem);
  if (!placeNames) return letters;
  const weights = termWeights();
  const all = new Map(letters);
  for (const letter of placeNames) if (!all.has(letter) && /[\p{L}\p{N}]/u.test(letter)) all.set(letter, weights.letterIdf(letter));
  return all;
}

function weightedCosine(x: ReadonlyMap<string, number>, y: ReadonlyMap<string, number>): number {
  if (!x.size || !y.size) return 0;
  let dot = 0;
  let normX = 0;
  let normY = 0;
  for (const [letter, weight] of x) {
    normX += weight * weight;
    if (y.has(letter)) dot += weight * weight;
  }
  for (const weight of y.values()) normY += weight * weight;
  return dot / Math.sqrt(normX * normY);
}

