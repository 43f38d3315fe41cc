import type { Sql } from '@huying/runtime';

export interface OpenCaseRow {
  caseId: string;
  title: string | null;
  categoryCode: string | null;
  streetId: string | null;
  streetName: string | null;
  lng: number | null;
  lat: number | null;
  /** The worst light of the case's open assignments (GREEN until the sweep turns one); null before dispatch. */
  light: 'GREEN' | 'YELLOW' | 'RED' | null;
  deadlineAt: Date | null;
  createdAt: Date;
}

/**
 * Cases not resolved yet (reopened ones included), red first, then yellow, then the longest open: what the
 * command centre's map shows when it can show only `first` of them.
 */
export async function openCases(db: Sql, query: { first: number; streetId: string | null }): Promise<OpenCaseRow[]> {
  const rows = await db.query<{
    case_id: string;
    title: string | null;
    category_code: string | null;
    street_id: string | null;
    street_name: string | null;
    lng: number | null;
    lat: number | null;
    light: OpenCaseRow['light'];
    deadline_at: Date | null;
    created_at: Date;
  }>(
    `SELECT case_id, title, category_code, street_id, street_name, lng, lat, light, deadline_at, created_at
       FROM analytics.case_fact
      WHERE merged_into IS NULL AND NOT resolved AND created_at IS NOT NULL
        AND (round > 1 OR COALESCE(status, 'RECEIVED') IN ('RECEIVED', 'DISPATCHED', 'IN_PROGRESS'))
        AND ($2::text IS NULL OR street_id = $2)
      ORDER BY CASE light WHEN 'RED' THEN 0 WHEN 'YELLOW' THEN 1 ELSE 2 END, created_at, case_id LIMIT $1`,
    [query.first, query.streetId],
  );
  return rows.map((row) => ({
    caseId: row.case_id,
    title: row.title,
    categoryCode: row.category_code,
    streetId: row.street_id,
    streetName: row.street_name,
    lng: row.lng,
    lat: row.lat,
    light: row.light,
    deadlineAt: row.deadline_at ? new Date(row.deadline_at) : null,
    createdAt: new Date(row.created_at),
  }));
}
