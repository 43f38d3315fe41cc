import type { MatchSignals } from './mergeDecision';

/**
 * What the model weighs about a pair of reports, each 0…1 (`dedup.yaml` holds a weight for each):
 *  - words: keyword cosine of the problem texts (places taken out), weighted by the channel's term weights;
 *  - letters: cosine of the problem texts' letters, each weighted by its rarity: 窨井盖/井盖 and 噪音/噪声
 *    agree in part where their keywords do not at all;
 *  - bigrams: Dice overlap of letter pairs (wording);
 *  - samePlace / nearPlace: the places agree, or only nearly (the same road or river without a spot);
 *  - wordsAtSamePlace / lettersAtSamePlace: the text scores again where the place is proven: how much
 *    wording one issue needs differs with what the place already says;
 *  - lettersWithPlacesAtNearPlace: where only the river or road is shared, the letters again with those of
 *    the places named beside it, so two reports naming one stretch (美伦雅居, 三高路) read more alike;
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
  'lettersWithPlacesAtNearPlace',
  'sameCategory',
  'conflictingCategory',
  'daysApart',
] as const;

export type PairFeature = (typeof PAIR_FEATURES)[number];

export function pairFeatures(signals: MatchSignals): Record<PairFeature, number> {
  const samePlace = signals.place === 'SAME' ? 1 : 0;
  const nearPlace = signals.place === 'NEAR' ? 1 : 0;
  return {
    words: signals.words,
    letters: signals.letters,
    bigrams: signals.bigrams,
    samePlace,
    nearPlace,
    wordsAtSamePlace: signals.words * samePlace,
    lettersAtSamePlace: signals.letters * samePlace,
    lettersWithPlacesAtNearPlace: signals.lettersWithPlaces * nearPlace,
    sameCategory: signals.category === 'SAME' ? 1 : 0,
    conflictingCategory: signals.category === 'CONFLICT' ? 1 : 0,
    daysApart: timeApart(signals.hoursApart),
  };
}

/** How far apart in time two reports are, 0…1 on a log scale: 0 the same hour, 1 a year or more. */
export function timeApart(hoursApart: number): number {
  return Math.min(1, Math.log1p(hoursApart / 24) / Math.log1p(365));
}

/** P(one issue) under the logistic model (the shared letters' weights are already summed in the signals). */
export function oneIssueProbability(signals: MatchSignals, model: { intercept: number; weights: Record<PairFeature, number> }): number {
  const features = pairFeatures(signals);
  let z = model.intercept + signals.sharedLetters;
  for (const feature of PAIR_FEATURES) z += model.weights[feature] * features[feature];
  return 1 / (1 + Math.exp(-z));
}
