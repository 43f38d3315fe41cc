import { termWeights, termWeightsFrom } from './termWeights';

describe('term weights', () => {
  it('weighs a rare term above a common one, and a term never seen as one seen once', () => {
    const weights = termWeightsFrom({ documents: 1000, words: { 小区: 600, 井盖: 5 }, letters: { 小: 700, 窨: 3 } });
    expect(weights.wordIdf('井盖')).toBeGreaterThan(weights.wordIdf('小区'));
    expect(weights.wordIdf('从未见过')).toBe(termWeightsFrom({ documents: 1000, words: { 从未见过: 1 }, letters: {} }).wordIdf('从未见过'));
    expect(weights.letterIdf('窨')).toBeGreaterThan(weights.letterIdf('小'));
  });

  it("ships weights learned from complaints: what every complaint says weighs less than what tells problems apart", () => {
    const weights = termWeights();
    expect(weights.wordIdf('井盖')).toBeGreaterThan(weights.wordIdf('小区') * 1.5);
    expect(weights.wordIdf('噪音')).toBeGreaterThan(weights.wordIdf('业主'));
  });
});
