import { testBackends, type Database } from '@huying/runtime';
import { openAnalyticsDatabase } from './analyticsEvents.testkit';
import { daySpan, rollupGrain } from './caseRollup';
import { kpis, kpisFromFacts } from './kpis';
import { trends } from './trends';

describe('which rollup answers a grouping', () => {
  it('takes periods and one other dimension, and leaves a grouping across two to the facts', () => {
    expect(rollupGrain([])).toBe('ALL');
    expect(rollupGrain(['MONTH', 'WEEK'])).toBe('ALL');
    expect(rollupGrain(['STREET', 'MONTH'])).toBe('STREET');
    expect(rollupGrain(['DEPARTMENT', 'DEPARTMENT'])).toBe('DEPARTMENT');
    expect(rollupGrain(['STREET', 'CATEGORY'])).toBeNull();
  });
});

describe('a period split into whole Beijing days and the partial days at its ends', () => {
  it('reads a period from midnight to midnight from the rollup alone', () => {
    const span = daySpan(new Date('2026-03-01T00:00:00+08:00'), new Date('2026-04-01T00:00:00+08:00'));
    expect([span.firstDay, span.endDay]).toEqual(['2026-03-01', '2026-04-01']);
    expect(span.before[0].getTime()).toBe(span.before[1].getTime());
    expect(span.after[0].getTime()).toBe(span.after[1].getTime());
  });

  it('reads the hours before the first midnight and after the last one from the facts', () => {
    const span = daySpan(new Date('2026-03-01T10:00:00+08:00'), new Date('2026-03-04T06:30:00+08:00'));
    expect([span.firstDay, span.endDay]).toEqual(['2026-03-02', '2026-03-04']);
    expect(span.before.map((at) => at.toISOString())).toEqual(['2026-03-01T02:00:00.000Z', '2026-03-01T16:00:00.000Z']);
    expect(span.after.map((at) => at.toISOString())).toEqual(['2026-03-03T16:00:00.000Z', '2026-03-03T22:30:00.000Z']);
    expect([span.daysFrom.toISOString(), span.daysTo.toISOString()]).toEqual(['2026-03-01T16:00:00.000Z', '2026-03-03T16:00:00.000Z']);
  });

  it('reads a period inside one day from the facts alone', () => {
    const from = new Date('2026-03-01T10:00:00+08:00');
    const to = new Date('2026-03-01T23:00:00+08:00');
    const span = daySpan(from, to);
    expect(span.firstDay).toBe(span.endDay);
    expect(span.before).toEqual([from, to]);
    expect(span.after[0].getTime()).toBe(span.after[1].getTime());
  });
});

/** A small deterministic random sequence (the same facts on every run). */
function randomSequence(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

describe.each(testBackends())('the case rollup on $kind', (backend) => {
  let db: Database;
  let dispose: () => Promise<void>;
  beforeEach(async () => {
    ({ db, dispose } = await openAnalyticsDatabase(backend));
  });
  afterEach(() => dispose());

  /**
   * 240 cases over eight Beijing days, written the ways the projector writes them (an upsert, a
   * recomputing update) and then changed every way a case can change: classified to another street,
   * signed, resolved, reopened, rated, merged and unmerged, opened only after other events came.
   */
  async function churnFacts(): Promise<void> {
    const random = randomSequence(7);
    const pick = <T>(values: readonly T[]) => values[Math.floor(random() * values.length)]!;
    const at = (day: number, hours: number) => new Date(Date.UTC(2026, 2, 1 + day, hours - 8, Math.floor(random() * 60)));
    for (let index = 0; index < 240; index++) {
      const caseId = `K${index}`;
      const opened = at(Math.floor(random() * 8), Math.floor(random() * 24));
      const lateOpened = random() < 0.1;
      // a dispatch event first, as when the case's own CaseOpened comes later
      await db.query(`INSERT INTO analytics.case_fact (case_id, status, status_at) VALUES ($1, 'DISPATCHED', $2) ON CONFLICT (case_id) DO NOTHING`, [caseId, opened]);
      if (!lateOpened) await db.query(`UPDATE analytics.case_fact SET created_at = $2, channel = $3, opened_category = $4 WHERE case_id = $1`, [caseId, opened, pick(['HOTLINE', 'GRID', 'MESSAGE_BOARD']), pick(['0101', '0202', '0301'])]);
      const street = pick(['S01', 'S02', 'S03', null]);
      await db.query(
        `INSERT INTO analytics.case_fact (case_id, street_id, street_name, community_id, community_name, due_at) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (case_id) DO UPDATE SET street_id = EXCLUDED.street_id, street_name = EXCLUDED.street_name, community_id = EXCLUDED.community_id,
           community_name = EXCLUDED.community_name, due_at = EXCLUDED.due_at`,
        [caseId, street, street && `${street}街道`, street && `${street}-C${Math.floor(random() * 2)}`, street && '社区', random() < 0.8 ? new Date(opened.getTime() + 86_400_000) : null],
      );
      const signed = random() < 0.8 ? new Date(opened.getTime() + random() * 40 * 3600_000) : null;
      const resolved = signed !== null && random() < 0.7;
      await db.query(
        `UPDATE analytics.case_fact SET department_id = $2, department_name = $3, responded_at = $4, deadline_at = due_at, resolved = $5, resolved_at = $6,
           satisfied = $7, has_repeat = $8, report_count = $9 WHERE case_id = $1`,
        [caseId, signed ? pick(['D-SAN', 'D-ROAD']) : null, signed ? '部门' : null, signed, resolved, resolved ? new Date(signed!.getTime() + random() * 48 * 3600_000) : null,
          resolved && random() < 0.8 ? random() < 0.8 : null, random() < 0.1, 1 + Math.floor(random() * 3)],
      );
      if (lateOpened) await db.query(`UPDATE analytics.case_fact SET created_at = $2, channel = 'GRID' WHERE case_id = $1`, [caseId, opened]);
    }
    // one statement over many cases, as the projector recomputes a batch: reclassify, reopen, merge
    await db.query(`UPDATE analytics.case_fact SET classified_category = '0401' WHERE case_id IN ('K3', 'K17', 'K40', 'K41', 'K99')`);
    await db.query(`UPDATE analytics.case_fact SET resolved = false, satisfied = false, round = 2 WHERE resolved AND case_id LIKE 'K1%'`);
    await db.query(`UPDATE analytics.case_fact SET merged_into = 'K0', merged_by = 'm1' WHERE case_id IN ('K5', 'K6', 'K7', 'K200')`);
    await db.query(`UPDATE analytics.case_fact SET merged_into = NULL, merged_by = NULL WHERE case_id = 'K6'`);
    await db.query(`UPDATE analytics.case_fact SET street_id = 'S02', street_name = 'S02街道' WHERE case_id IN ('K8', 'K9', 'K10')`);
    await db.query(`DELETE FROM analytics.case_fact WHERE case_id IN ('K11', 'K12')`);
    // a department renamed while its cases' counts stay as they are
    await db.query(`UPDATE analytics.case_fact SET department_name = '道路部门' WHERE department_id = 'D-ROAD'`);
  }

  it('holds the sums the facts give, per day and dimension, and the open cases by their deadline’s day, after every kind of change', async () => {
    await churnFacts();
    const sums = `count(*)::int AS cases, count(*) FILTER (WHERE resolved)::int AS resolved, count(*) FILTER (WHERE satisfied)::int AS satisfied,
                  count(*) FILTER (WHERE deadline_at IS NOT NULL AND resolved AND resolved_at <= deadline_at)::int AS sla_met`;
    const fromFacts = await db.query(
      `SELECT grain, created_day::text AS day, key, ${sums}
         FROM analytics.case_fact
        CROSS JOIN LATERAL (VALUES ('ALL', NULL), ('STREET', street_id), ('COMMUNITY', community_id), ('CATEGORY', category_code),
                                   ('CHANNEL', channel), ('DEPARTMENT', department_id)) AS dimension (grain, key)
        WHERE created_at IS NOT NULL AND merged_into IS NULL
        GROUP BY 1, 2, 3 ORDER BY 1, 2, 3 NULLS FIRST`,
    );
    const rolledUp = await db.query(
      `SELECT grain, created_day::text AS day, key, cases, resolved, satisfied, sla_met
         FROM analytics.case_rollup WHERE cases <> 0 ORDER BY 1, 2, 3 NULLS FIRST`,
    );
    expect(fromFacts.length).toBeGreaterThan(100);
    expect(rolledUp).toEqual(fromFacts);
    expect(await db.query(`SELECT DISTINCT name FROM analytics.case_rollup WHERE grain = 'DEPARTMENT' AND key = 'D-ROAD' AND cases > 0`)).toEqual([{ name: '道路部门' }]);

    const openFromFacts = await db.query(
      `SELECT grain, created_day::text AS day, key, (deadline_at AT TIME ZONE 'Asia/Shanghai')::date::text AS due, count(*)::int AS open
         FROM analytics.case_fact
        CROSS JOIN LATERAL (VALUES ('ALL', NULL), ('STREET', street_id), ('COMMUNITY', community_id), ('CATEGORY', category_code),
                                   ('CHANNEL', channel), ('DEPARTMENT', department_id)) AS dimension (grain, key)
        WHERE created_at IS NOT NULL AND merged_into IS NULL AND NOT resolved AND deadline_at IS NOT NULL
        GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3 NULLS FIRST, 4`,
    );
    const openRolledUp = await db.query(
      `SELECT grain, created_day::text AS day, key, deadline_day::text AS due, open
         FROM analytics.case_open_deadline WHERE open <> 0 ORDER BY 1, 2, 3 NULLS FIRST, 4`,
    );
    expect(openFromFacts.length).toBeGreaterThan(50);
    expect(openRolledUp).toEqual(openFromFacts);
  });

  it('answers the 三率 and the trends as the facts alone do, for whole days and for periods starting and ending mid-day', async () => {
    await churnFacts();
    const now = new Date('2026-03-05T12:00:00+08:00');
    const periods = [
      { from: new Date('2026-03-01T00:00:00+08:00'), to: new Date('2026-03-09T00:00:00+08:00') },
      { from: new Date('2026-03-02T09:30:00+08:00'), to: new Date('2026-03-07T15:00:00+08:00') },
      { from: new Date('2026-03-03T09:30:00+08:00'), to: new Date('2026-03-03T20:00:00+08:00') },
    ];
    let compared = 0;
    for (const period of periods) {
      for (const groupBy of [[], ['STREET'], ['COMMUNITY', 'DAY'], ['DEPARTMENT', 'WEEK'], ['CATEGORY'], ['CHANNEL', 'MONTH']] as const) {
        const query = { ...period, groupBy, now };
        const answered = await kpis(db, query);
        expect(answered).toEqual(await kpisFromFacts(db, query));
        compared += answered.length;
      }
      const daily = await trends(db, { ...period, interval: 'DAY', by: 'CATEGORY' });
      const expected = await kpisFromFacts(db, { from: new Date(`${daily[0]!.period}T00:00:00+08:00`), to: period.to, groupBy: ['DAY', 'CATEGORY'], now });
      const counted = (rows: { key: string | null; cases: number }[], key: (row: never) => string) => Object.fromEntries(rows.filter((row) => row.cases > 0).map((row) => [key(row as never), row.cases]));
      expect(counted(daily, (point: { period: string; key: string | null }) => `${point.period} / ${point.key ?? '未知'}`)).toEqual(counted(expected, (row: { key: string }) => row.key));
    }
    expect(compared).toBeGreaterThan(50);
  });
});
