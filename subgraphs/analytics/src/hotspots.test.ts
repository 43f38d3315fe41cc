import { testBackends, type Database } from '@huying/runtime';
import { Dice } from '@huying/synthetic';
import { openAnalyticsDatabase } from './analyticsEvents.testkit';
import { hotspots, hotspotsFromFacts, type HotspotQuery, type HotspotRow } from './hotspots';

describe.each(testBackends())('the hotspots on $kind', (backend) => {
  let db: Database;
  let dispose: () => Promise<void>;
  beforeEach(async () => {
    ({ db, dispose } = await openAnalyticsDatabase(backend));
  });
  afterEach(() => dispose());

  /**
   * 400 cases over ten Beijing days in a few communities, cells and bare addresses (some with no place at
   * all), then changed the ways a case's place and count change: placed in a community later, reclassified,
   * merged away and back, more reports, resolved, deleted.
   */
  async function churnFacts(): Promise<void> {
    // the same facts on every run
    const dice = new Dice(11);
    const random = () => dice.float();
    const pick = <T>(values: readonly T[]) => dice.pick(values);
    for (let index = 0; index < 400; index++) {
      const opened = new Date(Date.UTC(2026, 2, 1 + Math.floor(random() * 10), Math.floor(random() * 24) - 8, Math.floor(random() * 60)));
      const where = random();
      const community = where < 0.4 ? pick(['S01-C1', 'S01-C2', 'S02-C1']) : null;
      const located = where >= 0.4 && where < 0.8;
      await db.query(
        `INSERT INTO analytics.case_fact (case_id, created_at, opened_category, community_id, community_name, address, lng, lat, report_count, resolved, has_repeat)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        [
          `H${index}`,
          opened,
          pick(['0101', '0202', '0301', null]),
          community,
          community && `${community}社区`,
          where < 0.95 ? pick(['胜利街1号', '黎黄陂路口', '三阳路口']) : null,
          located ? 114.3 + pick([0, 0.001, 0.012]) : null,
          located ? 30.6 + pick([0, 0.0015, 0.02]) : null,
          1 + Math.floor(random() * 3),
          random() < 0.5,
          random() < 0.1,
        ],
      );
    }
    // one statement over many cases each, as the projector recomputes a batch
    await db.query(`UPDATE analytics.case_fact SET community_id = 'S02-C1', community_name = 'S02-C1社区' WHERE case_id IN ('H1', 'H2', 'H3', 'H50', 'H51')`);
    await db.query(`UPDATE analytics.case_fact SET classified_category = '0401' WHERE case_id IN ('H4', 'H17', 'H40', 'H41', 'H99', 'H100')`);
    await db.query(`UPDATE analytics.case_fact SET merged_into = 'H0', merged_by = 'm1' WHERE case_id IN ('H5', 'H6', 'H7', 'H200', 'H201')`);
    await db.query(`UPDATE analytics.case_fact SET merged_into = NULL, merged_by = NULL WHERE case_id = 'H6'`);
    await db.query(`UPDATE analytics.case_fact SET report_count = report_count + 2 WHERE case_id LIKE 'H3%'`);
    await db.query(`UPDATE analytics.case_fact SET resolved = true, status = 'CLOSED' WHERE case_id LIKE 'H1%'`);
    await db.query(`DELETE FROM analytics.case_fact WHERE case_id IN ('H8', 'H9')`);
    // the newest case of its day and place leaves it: merged away, and reclassified
    await db.query(`UPDATE analytics.case_fact SET merged_into = 'H0' WHERE case_id = (SELECT case_id FROM analytics.case_fact WHERE merged_into IS NULL ORDER BY created_at DESC LIMIT 1)`);
    await db.query(
      `UPDATE analytics.case_fact SET classified_category = '0701'
        WHERE case_id = (SELECT case_id FROM analytics.case_fact WHERE merged_into IS NULL AND community_id = 'S01-C1' ORDER BY created_at DESC LIMIT 1)`,
    );
  }

  it('sums per day, place and category what the facts hold, and keeps their newest case, after every kind of change', async () => {
    await churnFacts();
    const fromFacts = await db.query(
      `SELECT created_day::text AS day, analytics.hotspot_place(community_id, lat, lng, address) AS place, category_code,
              count(*)::int AS cases, sum(GREATEST(report_count, 1))::int AS reports, max(created_at) AS last_at
         FROM analytics.case_fact
        WHERE created_at IS NOT NULL AND merged_into IS NULL AND analytics.hotspot_place(community_id, lat, lng, address) IS NOT NULL
        GROUP BY 1, 2, 3 ORDER BY 1, 2, 3 NULLS FIRST`,
    );
    const rolledUp = await db.query(
      `SELECT created_day::text AS day, place, category_code, cases, reports, last_at FROM analytics.hotspot_rollup WHERE cases <> 0 ORDER BY 1, 2, 3 NULLS FIRST`,
    );
    expect(fromFacts.length).toBeGreaterThan(100);
    expect(rolledUp).toEqual(fromFacts);
  });

  it('names a place as the hotspots always have: the community, else the cell, else the address', async () => {
    await churnFacts();
    const places = await db.query<{ defined: string | null; written: string | null }>(
      `SELECT analytics.hotspot_place(community_id, lat, lng, address) AS defined,
              COALESCE(community_id, 'cell:' || round(lat / 0.005)::bigint || ':' || round(lng / 0.005)::bigint, 'addr:' || address) AS written
         FROM analytics.case_fact`,
    );
    expect(places.filter((place) => place.defined !== place.written)).toEqual([]);
    expect(new Set(places.map((place) => place.defined?.replace(/:.*/, ':') ?? null))).toEqual(new Set(['S01-C1', 'S01-C2', 'S02-C1', 'cell:', 'addr:', null]));
  });

  it('ranks as every fact of the period does, for whole days and periods starting and ending mid-day', async () => {
    await churnFacts();
    const queries: HotspotQuery[] = [
      { from: new Date('2026-03-01T00:00:00+08:00'), to: new Date('2026-03-11T00:00:00+08:00'), first: 60, minCases: 2 },
      { from: new Date('2026-03-02T09:30:00+08:00'), to: new Date('2026-03-08T15:00:00+08:00'), first: 5, minCases: 2 },
      { from: new Date('2026-03-03T09:30:00+08:00'), to: new Date('2026-03-03T20:00:00+08:00'), first: 10, minCases: 1 },
      { from: new Date('2026-03-01T00:00:00+08:00'), to: new Date('2026-03-11T00:00:00+08:00'), first: 3, minCases: 10 },
      { from: new Date('2026-04-01T00:00:00+08:00'), to: new Date('2026-04-11T00:00:00+08:00'), first: 10, minCases: 2 },
    ];
    const answers = [];
    for (const query of queries) {
      // the centre's coordinates are averages summed in another order: equal to 10⁻⁹ degree
      const centred = (rows: HotspotRow[]) =>
        rows.map((row) => ({ ...row, lng: row.lng === null ? null : Math.round(row.lng * 1e9) / 1e9, lat: row.lat === null ? null : Math.round(row.lat * 1e9) / 1e9 }));
      const answered = await hotspots(db, query);
      expect(centred(answered)).toEqual(centred(await hotspotsFromFacts(db, query)));
      answers.push(answered);
    }
    // each query above asks something: kinds of place, a ranking cut inside ties, and nothing at all
    expect(new Set(answers[0]!.map((row) => row.placeKind))).toEqual(new Set(['COMMUNITY', 'CELL', 'ADDRESS']));
    expect(answers[1]).toHaveLength(5);
    expect(answers[3]!.length).toBeGreaterThan(0);
    expect(answers[4]).toEqual([]);
  });
});
