import { readFileSync } from 'node:fs';
import { casesSettings } from '../config';

/**
 * How common each word and each letter is in a channel's complaints, as document frequencies learned
 * from its history (`npm run fit:dedup` writes them; a city refits on its own posts). What every
 * complaint says (小区, 业主, 反映) weighs little; what tells one problem from another (井盖, 噪音, 漏水) a lot.
 */
export interface TermFrequencies {
  /** How many posts the frequencies were counted over. */
  documents: number;
  /** Posts each word (jieba's segmentation, lower case) occurs in; words in fewer than two are left out. */
  words: Record<string, number>;
  /** Posts each letter occurs in. */
  letters: Record<string, number>;
}

export interface TermWeights {
  wordIdf(word: string): number;
  letterIdf(letter: string): number;
}

/** Smoothed inverse document frequency: a term never seen is as telling as one seen once. */
const idf = (documents: number, frequency: number) => Math.log((documents + 1) / (frequency + 1)) + 1;

export function termWeightsFrom(frequencies: TermFrequencies): TermWeights {
  const words = new Map(Object.entries(frequencies.words));
  const letters = new Map(Object.entries(frequencies.letters));
  const cache = new Map<string, number>();
  return {
    wordIdf: (word) => idf(frequencies.documents, words.get(word) ?? 1),
    letterIdf(letter) {
      let weight = cache.get(letter);
      if (weight === undefined) cache.set(letter, (weight = idf(frequencies.documents, letters.get(letter) ?? 1)));
      return weight;
    },
  };
}

let loaded: TermWeights | null = null;

/** The city's term weights (HUYING_DEDUP_TERMS, else the shipped ones), read once. */
export function termWeights(): TermWeights {
  return (loaded ??= termWeightsFrom(JSON.parse(readFileSync(casesSettings.dedupTermsFile, 'utf8')) as TermFrequencies));
}
