import type { MatchSignals } from './mergeDecision';
import { oneIssueProbability, pairFeatures, PAIR_FEATURES } from './pairFeatures';

const signals = (patch: Partial<MatchSignals>): MatchSignals => ({
  text: 0.3,
  words: 0.3,
  letters: 0.4,
  bigrams: 0.3,
  lettersWithPlaces: 0.4,
  sharedLetters: 0,
  place: 'UNKNOWN',
  sameSpot: false,
  distanceMeters: null,
  hoursApart: 24,
  category: 'UNKNOWN',
  categoriesStated: false,
  sameContact: false,
  sameWording: false,
  ...patch,
});

describe('pair features', () => {
  it('scores the text again only where the place is proven', () => {
    expect(pairFeatures(signals({ place: 'SAME' })).wordsAtSamePlace).toBe(0.3);
    expect(pairFeatures(signals({ place: 'NEAR' })).wordsAtSamePlace).toBe(0);
    expect(pairFeatures(signals({ place: 'NEAR' })).nearPlace).toBe(1);
  });

  it('puts time on a log scale that reaches 1 at a year', () => {
    expect(pairFeatures(signals({ hoursApart: 0 })).daysApart).toBe(0);
    expect(pairFeatures(signals({ hoursApart: 365 * 24 })).daysApart).toBeCloseTo(1, 6);
    expect(pairFeatures(signals({ hoursApart: 3 * 365 * 24 })).daysApart).toBe(1);
    expect(pairFeatures(signals({ hoursApart: 24 })).daysApart).toBeLessThan(pairFeatures(signals({ hoursApart: 240 })).daysApart);
  });

  it('gives the logistic probability of the weighted sum', () => {
    const weights = Object.fromEntries(PAIR_FEATURES.map((name) => [name, 0])) as Record<(typeof PAIR_FEATURES)[number], number>;
    expect(oneIssueProbability(signals({}), { intercept: 0, weights })).toBe(0.5);
    const model = { intercept: -2, weights: { ...weights, words: 4 } };
    expect(oneIssueProbability(signals({ words: 0.5 }), model)).toBe(0.5);
    expect(oneIssueProbability(signals({ words: 0.9 }), model)).toBeCloseTo(1 / (1 + Math.exp(-1.6)), 9);
  });
});
