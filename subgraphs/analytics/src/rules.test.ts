import { kpiRates } from './threeRates';
import { trendWithChange } from './trendChange';

describe('the 三率', () => {
  it('are the documented ratios, null when there is nothing to judge', () => {
    // Tongzhou 2023 in miniature: 10,000 cases, 9,993 responded in time, 9,381 resolved, 9,493 of 10,000 evaluated satisfied.
    expect(
      kpiRates({ cases: 10_000, respondedOnTime: 9_993, resolved: 9_381, evaluated: 10_000, satisfied: 9_493, slaJudged: 8, slaMet: 6, repeated: 250 }),
    ).toEqual({ responseRate: 0.9993, resolutionRate: 0.9381, satisfactionRate: 0.9493, slaComplianceRate: 0.75, repeatComplaintRate: 0.025 });
    expect(kpiRates({ cases: 0, respondedOnTime: 0, resolved: 0, evaluated: 0, satisfied: 0, slaJudged: 0, slaMet: 0, repeated: 0 })).toEqual({
      responseRate: null,
      resolutionRate: null,
      satisfactionRate: null,
      slaComplianceRate: null,
      repeatComplaintRate: null,
    });
  });
});

describe('a trend', () => {
  it('compares each period with the one before, zero-filling the gaps', () => {
    const points = trendWithChange(
      ['2026-02-23', '2026-03-02', '2026-03-09', '2026-03-16'],
      [
        { bucket: '2026-02-23', key: '0101', cases: 4 },
        { bucket: '2026-03-02', key: '0101', cases: 6 },
        { bucket: '2026-03-16', key: '0101', cases: 3 },
        { bucket: '2026-03-09', key: '0202', cases: 2 },
      ],
    );
    expect(points).toEqual([
      { period: '2026-03-02', key: '0101', cases: 6, previous: 4, change: 2, changeRate: 0.5 },
      { period: '2026-03-09', key: '0101', cases: 0, previous: 6, change: -6, changeRate: -1 },
      { period: '2026-03-09', key: '0202', cases: 2, previous: 0, change: 2, changeRate: null },
      { period: '2026-03-16', key: '0101', cases: 3, previous: 0, change: 3, changeRate: null },
      { period: '2026-03-16', key: '0202', cases: 0, previous: 2, change: -2, changeRate: -1 },
    ]);
  });
});
