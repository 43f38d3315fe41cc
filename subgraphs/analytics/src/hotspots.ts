import type { Sql } from '@huying/runtime';
import { daySpan } from './caseRollup';

export interface HotspotQuery {
  from: Date;
  to: Date;
  first: number;
  /** A place and category recur when at least this many cases came from them (default 2). */
  minCases: number;
}

export interface HotspotRow {
  /** A community code, else a ~500 m grid cell (`cell:…`), else the address as written. */
  place: string;
  /** The community's name, else the address most of the place's cases give. */
  placeName: string | null;
  placeKind: 'COMMUNITY' | 'CELL' | 'ADDRESS';
  categoryCode: string | null;
  cases: number;
  reports: number;
  openCases: number;
  repeatCases: number;
  lastAt: Date;
  lng: number | null;
  lat: number | null;
}

// A case's place (analytics.hotspot_place, migration 010): its community, else its cell of 0.005° (about
// 550 m north–south, 460 m east–west at Wuhan's latitude), else its address as written.

/**
 * The first `$8` places × categories of the period by cases, reports and newest case, summed from the rollup's
 * whole days and the facts of the partial days at either end.
 */
const HOTSPOT_RANKING = `
SELECT place, category_code
  FROM (SELECT place, category_code, sum(cases) AS cases, sum(reports) AS reports, max(last_at) AS last_at
          FROM (SELECT place, category_code, cases, reports, last_at FROM analytics.hotspot_rollup WHERE created_day >= $1::date AND created_day < $2::date
                UNION ALL
                SELECT analytics.hotspot_place(community_id, lat, lng, address), category_code, 1, GREATEST(report_count, 1), created_at FROM analytics.case_fact
                 WHERE merged_into IS NULL AND ((created_at >= $3 AND created_at < $4) OR (created_at >= $5 AND created_at < $6))) AS counted
         WHERE place IS NOT NULL
         GROUP BY place, category_code
        HAVING sum(cases) >= GREATEST($7, 1)) AS ranked
 ORDER BY cases DESC, reports DESC, last_at DESC, place, category_code
 LIMIT $8`;

/** The ranked places' own facts over the period (through case_fact_hotspot_idx), summed and in the same order. */
const HOTSPOTS_OF = `
SELECT wanted.place, mode() WITHIN GROUP (ORDER BY COALESCE(fact.community_name, fact.address)) AS place_name, fact.category_code,
       count(*)::int AS cases, sum(GREATEST(fact.report_count, 1))::int AS reports,
       count(*) FILTER (WHERE NOT fact.resolved)::int AS open_cases, count(*) FILTER (WHERE fact.has_repeat)::int AS repeat_cases,
       max(fact.created_at) AS last_at, avg(fact.lng) AS lng, avg(fact.lat) AS lat
  FROM unnest($1::text[], $2::text[]) AS wanted (place, category)
  JOIN analytics.case_fact AS fact
    ON analytics.hotspot_place(fact.community_id, fact.lat, fact.lng, fact.address) = wanted.place AND COALESCE(fact.category_code, '') = wanted.category
 WHERE fact.merged_into IS NULL AND fact.created_at >= $3 AND fact.created_at < $4
 GROUP BY wanted.place, fact.category_code
 ORDER BY cases DESC, reports DESC, last_at DESC, wanted.place, fact.category_code
 LIMIT $5`;

const HOTSPOTS_FROM_EVERY_FACT = `
SELECT analytics.hotspot_place(community_id, lat, lng, address) AS place, mode() WITHIN GROUP (ORDER BY COALESCE(community_name, address)) AS place_name,
       category_code, count(*)::int AS cases, sum(GREATEST(report_count, 1))::int AS reports, count(*) FILTER (WHERE NOT resolved)::int AS open_cases,
       count(*) FILTER (WHERE has_repeat)::int AS repeat_cases, max(created_at) AS last_at, avg(lng) AS lng, avg(lat) AS lat
  FROM analytics.case_fact
 WHERE created_at >= $1 AND created_at < $2 AND merged_into IS NULL AND analytics.hotspot_place(community_id, lat, lng, address) IS NOT NULL
 GROUP BY 1, category_code
HAVING count(*) >= $3
 ORDER BY cases DESC, reports DESC, last_at DESC, place, category_code
 LIMIT $4`;

/**
 * 高频诉求: places × categories where cases recur, most cases first (then most reports, then latest):
 * what 每月一题 and 未诉先办 go after.
 */
export async function hotspots(db: Sql, query: HotspotQuery): Promise<HotspotRow[]> {
  const span = daySpan(query.from, query.to);
  const ranked = await db.query<{ place: string; category_code: string | null }>(HOTSPOT_RANKING, [
    span.firstDay,
    span.endDay,
    ...span.before,
    ...span.after,
    query.minCases,
    query.first,
  ]);
  if (ranked.length === 0) return [];
  const rows = await db.query<HotspotRecord>(HOTSPOTS_OF, [ranked.map((row) => row.place), ranked.map((row) => row.category_code ?? ''), query.from, query.to, query.first]);
  return rows.map(hotspotRow);
}

/** The same answer grouped from every fact of the period: what the rollup's must equal. */
export async function hotspotsFromFacts(db: Sql, query: HotspotQuery): Promise<HotspotRow[]> {
  return (await db.query<HotspotRecord>(HOTSPOTS_FROM_EVERY_FACT, [query.from, query.to, query.minCases, query.first])).map(hotspotRow);
}

interface HotspotRecord {
  place: string;
  place_name: string | null;
  category_code: string | null;
  cases: number;
  reports: number;
  open_cases: number;
  repeat_cases: number;
  last_at: Date;
  lng: number | null;
  lat: number | null;
}

function hotspotRow(row: HotspotRecord): HotspotRow {
  return {
    place: row.place,
    placeName: row.place_name,
    placeKind: row.place.startsWith('cell:') ? 'CELL' : row.place.startsWith('addr:') ? 'ADDRESS' : 'COMMUNITY',
    categoryCode: row.category_code,
    cases: row.cases,
    reports: row.reports,
    openCases: row.open_cases,
    repeatCases: row.repeat_cases,
    lastAt: new Date(row.last_at),
    lng: row.lng,
    lat: row.lat,
  };
}
