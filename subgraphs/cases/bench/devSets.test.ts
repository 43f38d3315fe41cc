import { longestSharedRun, splitPart, syntheticSet } from './devSets';

describe('the development / held-out split', () => {
  const reports = syntheticSet(3000, 11);
  const development = splitPart(reports, 'development');
  const heldOut = splitPart(reports, 'heldOut');

  it('puts every report in exactly one part, about a third held out', () => {
    expect(development.length + heldOut.length).toBe(reports.length);
    const ids = new Set([...development, ...heldOut].map((report) => report.input.sourceId));
    expect(ids.size).toBe(reports.length);
    expect(heldOut.length / reports.length).toBeGreaterThan(0.25);
    expect(heldOut.length / reports.length).toBeLessThan(0.42);
  });

  it('keeps each issue whole, so no gold pair straddles the parts', () => {
    const developmentIssues = new Set(development.map((report) => report.gold));
    expect(heldOut.some((report) => developmentIssues.has(report.gold))).toBe(false);
    expect(splitPart(reports, 'heldOut')).toEqual(heldOut);
  });
});

describe('longestSharedRun (the follow-up labelling rule)', () => {
  it('finds a pasted passage and nothing in unrelated texts', () => {
    const earlier = 'F市人社部门指定的在邮政储蓄银行办理社会保险卡每月收取3元的短信费';
    const followUp = '多次向12345投诉没回复F市人社部门指定的在邮政储蓄银行办理社会保险卡每月收取3元的短信费而很多国有银行免收';
    expect(longestSharedRun(earlier, followUp)).toBe(earlier.length);
    expect(longestSharedRun('小区门口的路灯不亮了', '学校东侧围墙外有人占道经营')).toBeLessThan(3);
  });
});
