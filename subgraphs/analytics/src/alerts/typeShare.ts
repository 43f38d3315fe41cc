import binomialCdf from '@stdlib/stats-base-dists-binomial-cdf';
import incrEwmean from '@stdlib/stats-incr-ewmean';

/**
 * The city-wide problem-type detector: a type's share of all requests, against its own weighted history.
 * Shares, not counts, so a channel that grows (one newly onboarded, a campaign) moves every type alike and
 * raises nothing; one type growing past the rest does. The day is unusual when its count is improbable for
 * a binomial of the day's total and the baseline share.
 */
export interface TypeShareOptions {
  baselineDays: number;
  gapDays: number;
  alpha: number;
  /** A type needs at least this many requests on the day. */
  minCount: number;
  warmupDays: number;
  /** A share never counts as smaller than this (a type never seen is not impossible). */
  floorShare: number;
}

export const TYPE_SHARE_DEFAULTS: TypeShareOptions = { baselineDays: 28, gapDays: 2, alpha: 0.0005, minCount: 5, warmupDays: 28, floorShare: 0.002 };

export interface TypeShareAlert {
  type: string;
  day: number;
  count: number;
  total: number;
  expectedShare: number;
  pValue: number;
}

/** `totals[day]`, and `byType[type][day]`; each day is judged on what came before it only. */
export function typeShareAlerts(
  totals: readonly number[],
  byType: Readonly<Record<string, readonly number[]>>,
  options: TypeShareOptions = TYPE_SHARE_DEFAULTS,
): TypeShareAlert[] {
  const alerts: TypeShareAlert[] = [];
  for (const [type, counts] of Object.entries(byType)) {
    const share = incrEwmean(2 / (options.baselineDays + 1));
    for (let day = 0; day < totals.length; day++) {
      const fed = day - options.gapDays - 1;
      if (fed >= 0 && totals[fed]! > 0) share(counts[fed]! / totals[fed]!);
      const count = counts[day]!;
      const total = totals[day]!;
      if (day < options.warmupDays || count < options.minCount || total === 0) continue;
      const expectedShare = Math.min(Math.max(share() ?? 0, options.floorShare), 1);
      const pValue = 1 - binomialCdf(count - 1, total, expectedShare);
      if (pValue < options.alpha) alerts.push({ type, day, count, total, expectedShare, pValue });
    }
  }
  return alerts.sort((a, b) => a.day - b.day || a.type.localeCompare(b.type));
}
