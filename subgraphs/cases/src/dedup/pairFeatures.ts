import type { MatchSignals } from './mergeDecision';

/**
 * What the model weighs about a pair of reports, each 0…1 (`dedup.yaml` holds a weight for each):
 *  - words: keyword cosine of the problem texts (places taken out), weighted by the channel's term weights;
 *  - letters: the same over letters, so 窨井盖/井盖 and 噪音/噪声 count as partly alike;
 *  - bigrams: Dice overlap of letter pairs (wording);
 *  - samePlace / nearPlace: the places agree, or only nearly (the same road or river without a spot);
 *  - …AtSamePlace: the text scores again where the place is proven: at one spot, less wording agrees for one issue;
 *  - sameCategory / conflictingCategory: the problems' categories are one, or cannot both hold;
 *  - daysApart: how far apart in time, on a log scale (a year is 1).
 */
export const PAIR_FEATURES = [
  'words',
  'letters',
  'bigrams',
  'samePlace',
  'nearPlace',
  'wordsAtSamePlace',
  'lettersAtSamePlace',
  'sameCategory',
  'conflictingCategory',
  'daysApart',
] as const;

export type PairFeature = (typeof PAIR_FEATURES)[number];

export function pairFeatures(signals: MatchSignals): Record<PairFeature, number> {
  const samePlace = signals.place === 'SAME' ? 1 : 0;
  return {
    words: signals.words,
    letters: signals.letters,
    bigrams: signals.bigrams,
    samePlace,
    nearPlace: signals.place === 'NEAR' ? 1 : 0,
    wordsAtSamePlace: signals.words * samePlace,
    lettersAtSamePlace: signals.letters * samePlace,
    sameCategory: signals.category === 'SAME' ? 1 : 0,
    conflictingCategory: signals.category === 'CONFLICT' ? 1 : 0,
    daysApart: Math.min(1, Math.log1p(signals.hoursApart / 24) / Math.log1p(365)),
  };
}

/** P(one issue) under the logistic model. */
export function oneIssueProbability(signals: MatchSignals, model: { intercept: number; weights: Record<PairFeature, number> }): number {
  const features = pairFeatures(signals);
  let z = model.intercept;
  for (const feature of PAIR_FEATURES) z += model.weights[feature] * features[feature];
  return 1 / (1 + Math.exp(-z));
}
