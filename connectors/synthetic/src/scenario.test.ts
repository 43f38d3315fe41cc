import { distanceMeters, validateReport } from '@huying/schema';
import { streamReports, takeReports } from './scenario';

const options = { seed: 7, start: new Date('2026-11-01T00:00:00Z') };

describe('synthetic scenario', () => {
  const reports = takeReports(options, 3000);

  it('is the same story for the same seed and another for another seed', () => {
    expect(takeReports(options, 50)).toEqual(reports.slice(0, 50));
    expect(takeReports({ ...options, seed: 8 }, 50).map((report) => report.text)).not.toEqual(reports.slice(0, 50).map((report) => report.text));
  });

  it('comes in time order with consecutive sequence numbers and valid report fields', () => {
    reports.forEach((report, index) => {
      expect(report.seq).toBe(index);
      if (index > 0) expect(report.reportedAt.getTime()).toBeGreaterThanOrEqual(reports[index - 1]!.reportedAt.getTime());
    });
    for (const report of reports.slice(0, 200)) {
      const checked = validateReport({ ...report, sourceId: String(report.seq), receivedAt: report.reportedAt });
      expect(checked.ok).toBe(true);
      expect(report.text).toMatch(/[\u4e00-\u9fa5]{6,}/);
    }
  });

  it('reports one issue several times across channels, near in place, worded differently', () => {
    const byIssue = new Map<string, typeof reports>();
    for (const report of reports) byIssue.set(report.issueKey, [...(byIssue.get(report.issueKey) ?? []), report]);
    const multi = [...byIssue.values()].filter((group) => group.length > 1);
    expect(multi.length / byIssue.size).toBeGreaterThan(0.3);
    expect(multi.some((group) => new Set(group.map((report) => report.channel)).size > 1)).toBe(true);
    expect(multi.some((group) => new Set(group.map((report) => report.text)).size > 1)).toBe(true);
    for (const group of multi) {
      for (const report of group) expect(distanceMeters(report.location, group[0]!.location)).toBeLessThan(80);
      expect(group.at(-1)!.reportedAt.getTime() - group[0]!.reportedAt.getTime()).toBeLessThanOrEqual(24 * 3600_000);
    }
    const again = reports.filter((report) => report.sameReporterAgain);
    expect(again.length).toBeGreaterThan(0);
    for (const report of again) expect(byIssue.get(report.issueKey)!.some((other) => other !== report && other.contact === report.contact)).toBe(true);
    expect(new Set(reports.map((report) => report.channel)).size).toBe(4);
  });

  it('has hard negatives: distinct issues at one address, and one wording at distinct places', () => {
    const firstOfIssue = new Map<string, (typeof reports)[number]>();
    for (const report of reports) if (!firstOfIssue.has(report.issueKey)) firstOfIssue.set(report.issueKey, report);
    const issues = [...firstOfIssue.values()];
    const sameSpot = issues.filter((a, i) => issues.some((b, j) => j !== i && a.placeName === b.placeName && a.topicKey !== b.topicKey && distanceMeters(a.location, b.location) < 60));
    expect(sameSpot.length).toBeGreaterThan(10);
    const sameTopicElsewhere = issues.filter((a, i) => issues.some((b, j) => j !== i && a.topicKey === b.topicKey && a.placeName !== b.placeName));
    expect(sameTopicElsewhere.length).toBeGreaterThan(10);
  });

  it('never starts a second issue of one topic at one spot while the first is still open', () => {
    const openFor = 7 * 24 * 3600_000;
    // Dense: an issue a minute, so the same topic at the same spot would come up often by chance.
    const dense = takeReports({ ...options, meanIssueGapMs: 60_000 }, 5000);
    const started = new Map<string, { issueKey: string; at: number }>();
    let sameTopicSamePlaceOtherSpot = 0;
    const placeTopics = new Set<string>();
    for (const report of dense) {
      const at = report.reportedAt.getTime();
      const spotKey = `${report.topicKey}|${report.placeName}|${report.spot}`;
      const earlier = started.get(spotKey);
      if (earlier && earlier.issueKey !== report.issueKey) expect(at - earlier.at).toBeGreaterThanOrEqual(openFor);
      if (!earlier || earlier.issueKey !== report.issueKey) {
        if (earlier?.issueKey !== report.issueKey && placeTopics.has(`${report.topicKey}|${report.placeName}`) && !earlier) sameTopicSamePlaceOtherSpot++;
        started.set(spotKey, { issueKey: report.issueKey, at });
        placeTopics.add(`${report.topicKey}|${report.placeName}`);
      }
    }
    // The deliberate hard negative stays: the same problem at another building or gate of one estate.
    expect(sameTopicSamePlaceOtherSpot).toBeGreaterThan(10);
  });

  it('streams lazily: the millionth report costs no more memory than a window', () => {
    let count = 0;
    for (const report of streamReports({ ...options, meanIssueGapMs: 1000 })) {
      count++;
      if (report.seq >= 20_000) break;
    }
    expect(count).toBe(20_001);
  });
});
