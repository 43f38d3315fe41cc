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
