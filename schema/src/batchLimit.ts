/**
 * The most reports (or legacy records) one intake call takes. A call is held in memory whole and
 * answered in one response; past a thousand a sender gains nothing over several calls, and one caller
 * can no longer tie up intake for minutes.
 */
export const DEFAULT_MAX_BATCH = 1000;

export interface BatchRefusal {
  message: string;
  limit: number;
  size: number;
}

/** Why a call of `size` items is refused whole under `limit`, or null when it is within it. */
export function batchRefusal(size: number, limit: number, items = 'reports'): BatchRefusal | null {
  if (size <= limit) return null;
  return { message: `at most ${limit} ${items} per call; this call has ${size}`, limit, size };
}

/** Reads a batch-size setting (`HUYING_MAX_BATCH`): unset means the default; anything but a positive integer stops the start. */
export function maxBatchSetting(value: string | undefined, name = 'HUYING_MAX_BATCH'): number {
  if (value === undefined || value.trim() === '') return DEFAULT_MAX_BATCH;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1) throw new Error(`${name} must be a positive whole number, got "${value}"`);
  return parsed;
}

/** `items` cut into consecutive runs of at most `size`: how a sender stays within the limit. */
export function inBatches<T>(items: readonly T[], size: number): T[][] {
  const batches: T[][] = [];
  for (let start = 0; start < items.length; start += size) batches.push(items.slice(start, start + size));
  return batches;
}
