import { clusterScores } from './clusterMetrics';

describe('clusterScores', () => {
  it('counts pairs from the contingency table and scores B-cubed per report', () => {
    // Gold: {0,1,2} {3}. Predicted: {0,1} {2,3}: one true pair of two predicted, of three gold pairs.
    const scores = clusterScores(['a', 'a', 'a', 'b'], ['x', 'x', 'y', 'y']);
    expect(scores).toMatchObject({ goldPairs: 3, predictedPairs: 2, truePairs: 1 });
    expect(scores.pairwise.precision).toBe(0.5);
    expect(scores.pairwise.recall).toBe(0.3333);
    // B-cubed precision: (1 + 1 + 1/2 + 1/2) / 4; recall: (2/3 + 2/3 + 1/3 + 1) / 4.
    expect(scores.bcubed.precision).toBe(0.75);
    expect(scores.bcubed.recall).toBe(0.6667);
  });

  it('is perfect when the prediction is the gold', () => {
    const scores = clusterScores(['a', 'b', 'b'], ['1', '2', '2']);
    expect(scores.pairwise).toEqual({ precision: 1, recall: 1, f1: 1 });
  });
});
