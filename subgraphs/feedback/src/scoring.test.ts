import { evaluationScore, isSatisfied, ratingIssues, scoreEvaluation, starsForScore } from './scoring';
import { roundResolved } from './roundState';

describe('一事一评 score', () => {
  it('weights 响应度 10%, 配合度 20%, 办结度 30%, 满意度 40%, times 20', () => {
    // 0.1·5 + 0.2·4 + 0.3·3 + 0.4·2 = 0.5 + 0.8 + 0.9 + 0.8 = 3.0 → 60
    expect(evaluationScore({ responsiveness: 5, cooperation: 4, completion: 3, satisfaction: 2 })).toBe(60);
    // 0.1·2 + 0.2·3 + 0.3·4 + 0.4·5 = 0.2 + 0.6 + 1.2 + 2.0 = 4.0 → 80: satisfaction weighs most
    expect(evaluationScore({ responsiveness: 2, cooperation: 3, completion: 4, satisfaction: 5 })).toBe(80);
    // 0.1·4 + 0.2·5 + 0.3·5 + 0.4·4 = 0.4 + 1.0 + 1.5 + 1.6 = 4.5 → 90
    expect(evaluationScore({ responsiveness: 4, cooperation: 5, completion: 5, satisfaction: 4 })).toBe(90);
    // 0.1·3 + 0.2·1 + 0.3·2 + 0.4·1 = 0.3 + 0.2 + 0.6 + 0.4 = 1.5 → 30
    expect(evaluationScore({ responsiveness: 3, cooperation: 1, completion: 2, satisfaction: 1 })).toBe(30);
    expect(evaluationScore({ responsiveness: 1, cooperation: 1, completion: 1, satisfaction: 1 })).toBe(20);
    expect(evaluationScore({ responsiveness: 5, cooperation: 5, completion: 5, satisfaction: 5 })).toBe(100);
  });

  it('maps scores to stars at 90 / 75 / 60 / 40', () => {
    expect([100, 90, 89.9, 75, 74.9, 60, 59.9, 40, 39.9, 20].map(starsForScore)).toEqual([5, 5, 4, 4, 3, 3, 2, 2, 1, 1]);
  });

  it('counts 基本满意 (3) and above as satisfied', () => {
    expect(isSatisfied({ responsiveness: 1, cooperation: 1, completion: 1, satisfaction: 3 })).toBe(true);
    expect(isSatisfied({ responsiveness: 5, cooperation: 5, completion: 5, satisfaction: 2 })).toBe(false);
    // 0.1·5 + 0.2·5 + 0.3·5 + 0.4·2 = 3.8 → 76 → ★4, and still dissatisfied: the 满意度 answer decides
    expect(scoreEvaluation({ responsiveness: 5, cooperation: 5, completion: 5, satisfaction: 2 })).toEqual({ score: 76, stars: 4, satisfied: false });
  });

  it('names every rating that is not a whole number from 1 to 5', () => {
    const issues = ratingIssues({ responsiveness: 0, cooperation: 3, completion: 4.5, satisfaction: 6 });
    expect(issues.map((issue) => issue.field)).toEqual(['responsiveness', 'completion', 'satisfaction']);
    expect(ratingIssues({ responsiveness: 1, cooperation: 2, completion: 3, satisfaction: 5 })).toEqual([]);
  });
});

describe('a round of handling', () => {
  it('is resolved when a department finished it and nobody still works on it', () => {
    expect(roundResolved([])).toBe(false);
    expect(roundResolved(['RESOLVED'])).toBe(true);
    expect(roundResolved(['REASSIGNED', 'CLOSED'])).toBe(true);
    expect(roundResolved(['RESOLVED', 'IN_PROGRESS'])).toBe(false);
    expect(roundResolved(['ESCALATED'])).toBe(false);
  });
});
