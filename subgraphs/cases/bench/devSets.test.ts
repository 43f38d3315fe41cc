import { longestSharedRun, readPairs, repostSet, splitPart, syntheticSet, withReadPairs, type LabelledReport } from './devSets';

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

describe('withReadPairs (the repost set by meaning)', () => {
  const post = (sourceId: string, gold: string): LabelledReport => ({ input: { channel: 'MESSAGE_BOARD', sourceId, receivedAt: '2019-01-01T00:00:00+08:00', text: sourceId }, gold });
  const reports = [post('a', 'g1'), post('b', 'g1'), post('c', 'g2'), post('d', 'g3'), post('e', 'g4')];

  it('joins the whole issues of a pair read as one, and nothing else', () => {
    const joined = withReadPairs(reports, [
      { post_a: 'b', post_b: 'c', verdict: 'same' },
      { post_a: 'c', post_b: 'd', verdict: 'different' },
      { post_a: 'a', post_b: 'e', verdict: 'uncertain' },
      { post_a: 'a', post_b: 'not-in-this-part', verdict: 'same' },
    ]);
    const gold = Object.fromEntries(joined.map((report) => [report.input.sourceId, report.gold]));
    expect(gold.a).toBe(gold.c);
    expect(gold.b).toBe(gold.c);
    expect(new Set(Object.values(gold)).size).toBe(3);
    expect(reports.map((report) => report.gold)).toEqual(['g1', 'g1', 'g2', 'g3', 'g4']);
  });

  it('follows chains of joined issues', () => {
    const joined = withReadPairs(reports, [
      { post_a: 'a', post_b: 'c', verdict: 'same' },
      { post_a: 'c', post_b: 'd', verdict: 'same' },
      { post_a: 'b', post_b: 'd', verdict: 'same' },
    ]);
    expect(new Set(joined.slice(0, 4).map((report) => report.gold)).size).toBe(1);
    expect(joined[4]!.gold).toBe('g4');
  });

  it('refuses readings that contradict each other: two posts read apart, joined through pairs read as one', () => {
    const contradicted = [
      { post_a: 'a', post_b: 'c', verdict: 'same' },
      { post_a: 'b', post_b: 'c', verdict: 'different' },
    ] as const;
    expect(() => withReadPairs(reports, contradicted)).toThrow(/read as two issues/);
  });

  it('reads the committed pairs: two posts each, every verdict one of three, none contradicting another', () => {
    const read = readPairs();
    expect(read.length).toBeGreaterThan(0);
    for (const pair of read) {
      expect(pair.post_a).toMatch(/^(a4|a2s|a2t)-\d+$/);
      expect(pair.post_b).toMatch(/^(a4|a2s|a2t)-\d+$/);
      expect(['same', 'different', 'uncertain']).toContain(pair.verdict);
    }
    expect(() => withReadPairs(repostSet(), read)).not.toThrow();
  });
});
