import type { CaseSuggestion } from './caseMatcher';
import type { MergeDecision } from './mergeDecision';

/** A candidate report's case and the decision about the incoming report against it. */
export interface ScoredCandidate {
  caseId: string;
  decision: MergeDecision;
}

export interface CaseChoice {
  /** The case to join (MERGE) or to queue the report with first (REVIEW). */
  caseId: string;
  decision: MergeDecision;
  /** Other cases the report matches in the grey zone or above, best first, at most `more`. */
  alsoSuggested: CaseSuggestion[];
}

/**
 * Which cases a report's candidates point to. Each case counts by its best report; a case one of whose
 * reports is provably somewhere else is no candidate, however well another matches (otherwise a report
 * without a spot would bridge 东门 and 西门 into one case). The best case is chosen; the next `more` are
 * also queued for an operator, so that one issue split over cases earlier meets again.
 */
export function caseChoice(candidates: readonly ScoredCandidate[], more: number): CaseChoice | null {
  const elsewhere = new Set<string>();
  const bestPerCase = new Map<string, MergeDecision>();
  for (const { caseId, decision } of candidates) {
    if (decision.signals.place === 'DIFFERENT') elsewhere.add(caseId);
    if (decision.verdict === 'NEW') continue;
    const known = bestPerCase.get(caseId);
    if (!known || closerMatch(decision, known) < 0) bestPerCase.set(caseId, decision);
  }
  const ranked = [...bestPerCase]
    .filter(([caseId]) => !elsewhere.has(caseId))
    .sort(([caseA, a], [caseB, b]) => closerMatch(a, b) || (caseA < caseB ? -1 : caseA > caseB ? 1 : 0));
  const [first, ...others] = ranked;
  if (!first) return null;
  return {
    caseId: first[0],
    decision: first[1],
    alsoSuggested: others.slice(0, more).map(([caseId, { score, signals }]) => ({ caseId, score, signals })),
  };
}

/**
 * Negative when `a` is the better match: the higher score, and between equal scores (a mass entry's
 * identical texts all score 1) the nearer spot, then the nearer time. Without it the order the database
 * happened to return decided.
 */
function closerMatch(a: MergeDecision, b: MergeDecision): number {
  return (
    b.score - a.score ||
    (a.signals.distanceMeters ?? Infinity) - (b.signals.distanceMeters ?? Infinity) ||
    a.signals.hoursApart - b.signals.hoursApart
  );
}
