import type { Sql } from '@huying/runtime';

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

/** Cells of 0.005° (about 550 m north–south, 460 m east–west at Wuhan's latitude). */
const CELL_DEGREES = 0.005;
const PLACE = `COALESCE(community_id, 'cell:' || round(lat / ${CELL_DEGREES})::bigint || ':' || round(lng / ${CELL_DEGREES})::bigint, 'addr:' || address)`;

/**
 * 高频诉求: places × categories where cases recur, most cases first (then most reports, then latest):
 * what 每月一题 and 未诉先办 go after.
 */
export async function hotspots(db: Sql, query: HotspotQuery): Promise<HotspotRow[]> {
  const rows = await db.query<{
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
  }>(
    `SELECT ${PLACE} AS place, mode() WITHIN GROUP (ORDER BY COALESCE(community_name, address)) AS place_name, category_code, count(*)::int AS cases, sum(GREATEST(report_count, 1))::int AS reports,
            count(*) FILTER (WHERE NOT resolved)::int AS open_cases, count(*) FILTER (WHERE has_repeat)::int AS repeat_cases,
            max(created_at) AS last_at, avg(lng) AS lng, avg(lat) AS lat
       FROM analytics.case_fact
      WHERE created_at >= $1 AND created_at < $2 AND merged_into IS NULL AND ${PLACE} IS NOT NULL
      GROUP BY 1, category_code
     HAVING count(*) >= $3
      ORDER BY cases DESC, reports DESC, last_at DESC, place, category_code
      LIMIT $4`,
    [query.from, query.to, query.minCases, query.first],
  );
  return rows.map((row) => ({
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
  }));
}
