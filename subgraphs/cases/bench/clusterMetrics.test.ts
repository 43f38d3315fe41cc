import { clusterScores, recallDetail } from './clusterMetrics';

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

describe('recallDetail', () => {
  // Gold: issue a = {0,1,2}, issue b = {3,4}. Predicted: {0,1} {2} {3} {4}; a suggestion links case y to x.
  const gold = ['a', 'a', 'a', 'b', 'b'];
  const predicted = ['x', 'x', 'y', 'z', 'w'];

  it('counts a pair linked by a pending suggestion as queued, not as found', () => {
    const detail = recallDetail(gold, predicted, [['y', 'x']], () => false);
    // Gold pairs: 01 (found), 02 and 12 (linked), 34 (neither): 3 of 4 queued.
    expect(detail.queuedRecall).toBe(0.75);
    // Issue a: 1 of 3 pairs found; issue b: 0 of 1.
    expect(detail.recallPerIssue).toBe(0.1667);
  });

  it('counts a suggestion right when its two cases hold one issue between them', () => {
    // y–x holds issue a on both sides; z–y holds b and a: wrong.
    expect(recallDetail(gold, predicted, [['y', 'x'], ['z', 'y']], () => false).suggestionsRight).toBe(0.5);
  });

  it('leaves one reporter\'s follow-ups and reposts out of the hard pairs', () => {
    const detail = recallDetail(gold, predicted, [], (a, b) => a === 0 && b === 1);
    expect(detail.otherReporterOtherWords).toEqual({ pairs: 3, recall: 0, queuedRecall: 0 });
  });
});

