import type { Database } from '@huying/runtime';

/**
 * `count` cases straight into the read model, spread evenly over the year from `start`: 13 streets × 5
 * communities, 8 categories, 4 channels, 17 departments, rates near Tongzhou's (1 in 16 unresolved, a third
 * unrated). The rollup is kept by its triggers as for the projector's own writes. For benchmarks only: no
 * event, no case in the cases service.
 */
export async function fillCaseFacts(db: Database, count: number, start: Date, progress: (filled: number) => void = () => {}): Promise<void> {
  const chunk = 250_000;
  for (let from = 0; from < count; from += chunk) {
    const to = Math.min(count, from + chunk);
    await db.query(FILL_CASE_FACTS, [from, to, count, start.toISOString()]);
    progress(to);
  }
  await db.query('ANALYZE analytics.case_fact');
}

const FILL_CASE_FACTS = `
INSERT INTO analytics.case_fact (case_id, created_at, channel, opened_category, street_id, community_id, department_id, department_name,
    lng, lat, deadline_at, responded_at, resolved, resolved_at, satisfied, report_count, has_repeat, round)
SELECT 'c' || n, created, (ARRAY['HOTLINE','MESSAGE_BOARD','URBAN_MANAGEMENT','GRID'])[1 + n % 4],
       (ARRAY['0101','0102','0201','0202','0301','0401','0501','0601'])[1 + (n / 7) % 8],
       'S' || lpad((n % 13)::text, 2, '0'), 'S' || lpad((n % 13)::text, 2, '0') || '-C' || (n / 13) % 5,
       'D' || (n % 17), '部门' || (n % 17),
       114.25 + (n % 997) * 0.0001, 30.55 + (n % 991) * 0.0001,
       created + interval '1 day',
       CASE WHEN n % 1429 = 0 THEN NULL ELSE created + interval '2 hours' END,
       n % 16 <> 0, CASE WHEN n % 16 <> 0 THEN created + interval '20 hours' END,
       CASE WHEN n % 3 = 0 THEN NULL ELSE n % 20 <> 1 END, 1 + (n % 9 = 0)::int, n % 40 = 0, 1
  FROM (SELECT n, $4::timestamptz + (n::double precision / $3) * interval '365 days' AS created
          FROM generate_series($1::int, $2::int - 1) AS n) AS generated`;
