import { monthlyProblemRanking } from './monthlyProblems';

const problem = (streetId: string, categoryCode: string, counts: number[]) => ({ streetId, streetName: `${streetId}街道`, categoryCode, counts });

describe('每月一题: the month’s problems by heat', () => {
  it('ranks a problem that grew past its own months above a larger one at its usual level', () => {
    const ranked = monthlyProblemRanking(
      [
        problem('S1', '0101', [100, 96, 104, 99, 101, 100, 100]), // large, steady
        problem('S2', '0401', [0, 1, 0, 0, 1, 0, 10]), // small, now ten
        problem('S3', '0202', [0, 0, 0, 0, 0, 0, 2]), // new but below the minimum
      ],
      3,
    );
    expect(ranked.map((row) => row.streetId)).toEqual(['S2', 'S1']);
    const [grown, steady] = ranked;
    // (10 − 2/6) / √(2/6 + 1) + 2/6
    expect(grown!.heat).toBeCloseTo((10 - 1 / 3) / Math.sqrt(4 / 3) + 1 / 3, 10);
    expect(grown).toMatchObject({ requests: 10, monthsPresent: 2, growing: true, persistent: false });
    expect(steady!.heat).toBeCloseTo(1, 1);
    expect(steady).toMatchObject({ requests: 100, monthsPresent: 6, growing: false, persistent: true });
  });

  it('calls a problem that keeps coming back persistent, and ranks one that fell below its months under it', () => {
    const [back, stopped] = monthlyProblemRanking([problem('S1', '0301', [3, 4, 0, 3, 5, 4, 4]), problem('S2', '0301', [9, 8, 9, 9, 8, 9, 3])], 3);
    expect(back).toMatchObject({ streetId: 'S1', persistent: true, growing: false });
    expect(stopped).toMatchObject({ streetId: 'S2', growing: false, persistent: true });
    expect(stopped!.heat).toBeLessThan(back!.heat);
  });
});
