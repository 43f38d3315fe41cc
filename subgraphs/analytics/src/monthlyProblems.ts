/**
 * 每月一题: which problems a street should take on this month. A problem is a street × category; it is ranked
 * by its heat, which compares the month with the problem's own six months before, not by size alone:
 *
 *   heat = (requests − baseline) / √(baseline + 1) + monthsPresent / 6
 *
 * `baseline` is the mean of the six months before, `monthsPresent` how many of them had a request. The first term
 * is how far the month stands above the problem's usual level, in Poisson spreads (+1 so a problem new this
 * month is not divided by zero); the second is a point at most for a problem that keeps coming back. A street's
 * large steady problem scores about 1; ten requests about a problem that came twice in half a year score about 8.
 */
export const MONTHLY_PROBLEM_DEFAULTS = {
  /** Months before the one ranked that make the baseline. */
  baselineMonths: 6,
  /** A problem is growing when the month stands this many spreads above its baseline. */
  growingAt: 2,
  /** A problem is persistent when it came up in at least this many of the baseline months (and this month). */
  persistentMonths: 5,
};

export interface ProblemMonths {
  streetId: string | null;
  streetName: string | null;
  categoryCode: string | null;
  /** Requests per month, oldest first: the baseline months, then the month ranked (last). */
  counts: readonly number[];
}

export interface MonthlyProblem {
  streetId: string | null;
  streetName: string | null;
  categoryCode: string | null;
  requests: number;
  baseline: number;
  monthsPresent: number;
  heat: number;
  growing: boolean;
  persistent: boolean;
}

export function monthlyProblemRanking(problems: readonly ProblemMonths[], minRequests: number, options = MONTHLY_PROBLEM_DEFAULTS): MonthlyProblem[] {
  return problems
    .map((problem) => {
      const before = problem.counts.slice(0, -1).slice(-options.baselineMonths);
      const requests = problem.counts[problem.counts.length - 1] ?? 0;
      const baseline = before.reduce((sum, count) => sum + count, 0) / options.baselineMonths;
      const monthsPresent = before.filter((count) => count > 0).length;
      const spreads = (requests - baseline) / Math.sqrt(baseline + 1);
      return {
        streetId: problem.streetId,
        streetName: problem.streetName,
        categoryCode: problem.categoryCode,
        requests,
        baseline,
        monthsPresent,
        heat: spreads + monthsPresent / options.baselineMonths,
        growing: spreads >= options.growingAt,
        persistent: monthsPresent >= options.persistentMonths && requests > 0,
      };
    })
    .filter((problem) => problem.requests >= minRequests)
    .sort((a, b) => b.heat - a.heat || b.requests - a.requests || String(a.streetId).localeCompare(String(b.streetId)) || String(a.categoryCode).localeCompare(String(b.categoryCode)));
}
