/**
 * How the alert benches credit an alert to an event: from two weeks before its first request to its reference
 * day (the lead time is the days between); one that opens up to a month after the reference day is late, not false.
 */
export const BEFORE_FIRST = 14;
export const AFTER_REFERENCE = 30;

export const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? (sorted.length % 2 ? sorted[(sorted.length - 1) / 2]! : (sorted[sorted.length / 2 - 1]! + sorted[sorted.length / 2]!) / 2) : null;
};

/** Of the bursts' leads (null: never alerted in time), the share alerted by their reference day and the median lead. */
export function leadSummary(leads: readonly (number | null)[]): { alertedByReferenceDay: number; medianLeadDays: number | null } {
  return {
    alertedByReferenceDay: Number((leads.filter((lead) => lead !== null && lead >= 0).length / Math.max(1, leads.length)).toFixed(3)),
    medianLeadDays: median(leads.flatMap((lead) => (lead === null ? [] : [lead]))),
  };
}

/** A problem that grows, as the benches inject it: one request a day at first, then more, 15 over ten days. */
export const BURST_SHAPE: readonly number[] = [1, 0, 1, 1, 2, 1, 2, 3, 2, 2];

/** An injected burst's reference day: the day its 10th request comes in (as the reference events' 10-in-30 rule). */
export const REFERENCE_COUNT = 10;

/** Two alerts on one series opened this close are one burst seen twice, not a new alert. */
const SAME_BURST_DAYS = 14;

/** How many of the days alerts opened on (`found`) no alert of `by` on the same series opened near. */
export function unexplainedOpenings(found: readonly number[], by: readonly number[]): number {
  return found.filter((day) => !by.some((other) => Math.abs(other - day) <= SAME_BURST_DAYS)).length;
}
