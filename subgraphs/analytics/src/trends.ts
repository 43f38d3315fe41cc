import type { Sql } from '@huying/runtime';
import { CHANNEL_NAMES, CITY_TIME_ZONE, categoryByCode, type Channel } from '@huying/schema';
import { daySpan } from './caseRollup';
import { DIMENSION_COLUMNS, type TrendDimension, type TrendInterval } from './dimensions';
import { trendWithChange, type TrendPoint } from './trendChange';

export interface NamedTrendPoint extends TrendPoint {
  /** The category's or channel's Chinese name, when split by one. */
  name: string | null;
}

export interface TrendQuery {
  from: Date;
  to: Date;
  interval: TrendInterval;
  /** Split the counts by this; without it one series of all cases. */
  by: TrendDimension | null;
}

const UNITS: Record<TrendInterval, string> = { DAY: 'day', WEEK: 'week', MONTH: 'month' };

/**
 * Cases opened per whole Beijing calendar day, week or month covering [from, to), by category, area or
 * channel, each compared with the period before (the first one too: the period before `from` is read).
 */
export async function trends(db: Sql, query: TrendQuery): Promise<NamedTrendPoint[]> {
  const unit = UNITS[query.interval];
  const buckets = await db.query<{ bucket: string; starts: Date }>(
    `SELECT to_char(local, 'YYYY-MM-DD') AS bucket, local AT TIME ZONE '${CITY_TIME_ZONE}' AS starts
       FROM generate_series(date_trunc('${unit}', $1::timestamptz AT TIME ZONE '${CITY_TIME_ZONE}') - interval '1 ${unit}',
                            $2::timestamptz AT TIME ZONE '${CITY_TIME_ZONE}' - interval '1 microsecond', interval '1 ${unit}') AS local`,
    [query.from, query.to],
  );
  if (buckets.length < 2) return [];
  // the whole days from the rollup, the first and last partial days from the facts
  const span = daySpan(buckets[0]!.starts, query.to);
  const key = query.by ? DIMENSION_COLUMNS[query.by]!.key : 'NULL::text';
  const counts = await db.query<{ bucket: string; key: string | null; cases: number }>(
    `SELECT to_char(date_trunc('${unit}', created_day), 'YYYY-MM-DD') AS bucket, key, sum(cases)::int AS cases
       FROM (SELECT created_day, key, cases FROM analytics.case_rollup WHERE grain = $1 AND created_day >= $2::date AND created_day < $3::date
             UNION ALL
             SELECT created_day, ${key}, 1 FROM analytics.case_fact
              WHERE merged_into IS NULL AND ((created_at >= $4 AND created_at < $5) OR (created_at >= $6 AND created_at < $7))) AS counted
      GROUP BY 1, 2
     HAVING sum(cases) > 0`,
    [query.by ?? 'ALL', span.firstDay, span.endDay, ...span.before, ...span.after],
  );
  return trendWithChange(
    buckets.map((bucket) => bucket.bucket),
    counts,
  ).map((trendPoint) => ({ ...trendPoint, name: keyName(query.by, trendPoint.key) }));
}

function keyName(by: TrendDimension | null, key: string | null): string | null {
  if (key === null) return null;
  if (by === 'CATEGORY') return categoryByCode(key)?.name ?? null;
  if (by === 'CHANNEL') return CHANNEL_NAMES[key as Channel] ?? null;
  return null;
}
