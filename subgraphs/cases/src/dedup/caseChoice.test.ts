import { caseChoice, type ScoredCandidate } from './caseChoice';
import type { MatchSignals, Verdict } from './mergeDecision';

const signals = (place: MatchSignals['place']) => ({ place }) as MatchSignals;
const candidate = (caseId: string, verdict: Verdict, score: number, place: MatchSignals['place'] = 'NEAR'): ScoredCandidate => ({
  caseId,
  decision: { verdict, score, signals: signals(place) },
});

describe('which cases a report is offered', () => {
  it('chooses the best case and queues the next ones, each case by its best report', () => {
    const choice = caseChoice(
      [candidate('A', 'REVIEW', 0.4), candidate('B', 'MERGE', 0.9), candidate('A', 'REVIEW', 0.7), candidate('C', 'REVIEW', 0.3), candidate('D', 'REVIEW', 0.2)],
      2,
    );
    expect(choice?.caseId).toBe('B');
    expect(choice?.alsoSuggested.map((other) => [other.caseId, other.score])).toEqual([
      ['A', 0.7],
      ['C', 0.3],
    ]);
  });

  it('offers no case whose reports only say another issue, and none with a report somewhere else', () => {
    expect(caseChoice([candidate('A', 'NEW', 0.1)], 2)).toBeNull();
    // A's second report names another estate: A is no candidate however well its first matches.
    const choice = caseChoice([candidate('A', 'MERGE', 0.95), candidate('A', 'NEW', 0, 'DIFFERENT'), candidate('B', 'REVIEW', 0.5)], 2);
    expect(choice?.caseId).toBe('B');
    expect(choice?.alsoSuggested).toEqual([]);
  });

  it('between equal scores chooses the nearer spot, then the nearer time, whatever order the candidates came in', () => {
    const at = (caseId: string, distanceMeters: number | null, hoursApart: number): ScoredCandidate => ({
      caseId,
      decision: { verdict: 'MERGE', score: 1, signals: { place: 'NEAR', distanceMeters, hoursApart } as MatchSignals },
    });
    // A mass entry: one text at four addresses in one minute, each scoring 1 as a repost of the others.
    const candidates = [at('far', 450, 0), at('near', 120, 0), at('unplaced', null, 0), at('near-later', 120, 30)];
    for (const order of [candidates, [...candidates].reverse()]) {
      const choice = caseChoice(order, 3);
      expect(choice?.caseId).toBe('near');
      expect(choice?.alsoSuggested.map((other) => other.caseId)).toEqual(['near-later', 'far', 'unplaced']);
    }
  });
});
