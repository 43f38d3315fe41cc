import { keywords } from './segmenter';
import { extractPlaces, normaliseForPlaces, type PlaceMention } from './places';

/** What a text says, apart from where: its problem keywords with TF-IDF weights. */
export interface ProblemText {
  keywords: ReadonlyMap<string, number>;
  /** Character bigrams of the problem text: they catch what segmentation splits differently (灯坏/灯不亮). */
  bigrams: ReadonlySet<string>;
  /** The whole text, normalised (punctuation and spaces gone): equal fingerprints mean a repost. */
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
  for (const { keyword, weight } of keywords(problem)) weights.set(keyword.toLowerCase(), weight);
  const letters = problem.replace(/[^\p{L}\p{N}]+/gu, ' ');
  const bigrams = new Set<string>();
  for (const run of letters.split(' ')) for (let at = 0; at + 2 <= run.length; at += 1) bigrams.add(run.slice(at, at + 2));
  return { keywords: weights, bigrams, fingerprint: wordingFingerprint(normalised) };
}

/** A text's letters and digits only, lower case: equal fingerprints mean the same words (a repost). */
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

function bigramDice(a: ProblemText, b: ProblemText): number {
  if (!a.bigrams.size || !b.bigrams.size) return 0;
  let shared = 0;
  for (const bigram of a.bigrams) if (b.bigrams.has(bigram)) shared += 1;
  return (2 * shared) / (a.bigrams.size + b.bigrams.size);
}

function keywordCosine(a: ProblemText, b: ProblemText): number {
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
