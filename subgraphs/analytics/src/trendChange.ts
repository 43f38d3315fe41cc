export interface BucketCount {
  bucket: string;
  key: string | null;
  cases: number;
}

export interface TrendPoint {
  /** The bucket's first day in Beijing time: `2026-03-01` (a week starts on Monday). */
  period: string;
  key: string | null;
  cases: number;
  /** Cases of the same key in the bucket before. */
  previous: number;
  change: number;
  /** change ÷ previous; null when the bucket before had none. */
  changeRate: number | null;
}

/**
 * One point per key per bucket (zero-filled), each compared with the bucket before it. `buckets` are in
 * order and start with the bucket BEFORE the requested range, which is only there to be compared with.
 */
export function trendWithChange(buckets: readonly string[], counts: readonly BucketCount[]): TrendPoint[] {
  const byKey = new Map<string | null, Map<string, number>>();
  for (const count of counts) {
    const series = byKey.get(count.key) ?? new Map<string, number>();
    series.set(count.bucket, (series.get(count.bucket) ?? 0) + count.cases);
    byKey.set(count.key, series);
  }
  const points: TrendPoint[] = [];
  for (let index = 1; index < buckets.length; index++) {
    const bucket = buckets[index]!;
    for (const [key, series] of byKey) {
      const cases = series.get(bucket) ?? 0;
      const previous = series.get(buckets[index - 1]!) ?? 0;
      if (cases === 0 && previous === 0) continue;
      points.push({ period: bucket, key, cases, previous, change: cases - previous, changeRate: previous > 0 ? (cases - previous) / previous : null });
    }
  }
  return points;
}
