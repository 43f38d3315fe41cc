import { ManualClock } from '@huying/runtime';
import { SimulatedFeed } from './feed';

const START = new Date('2026-11-20T00:00:00Z');

describe('a simulated legacy system’s log', () => {
  // two weeks of one channel: new records and, for the answered ones, their second version
  const clock = new ManualClock(START);
  const feed = new SimulatedFeed({ seed: 5, channel: 'HOTLINE', clock, start: START });
  clock.advance(14 * 86_400_000);
  const log = feed.entries();

  it('is in time order, with answered records in two versions', () => {
    expect(log.length).toBeGreaterThan(200);
    expect(log.every((entry, index) => index === 0 || log[index - 1]!.at <= entry.at)).toBe(true);
    expect(log.some((entry) => entry.version === 2)).toBe(true);
  });

  it('gives the versions of a period as pages of the log, as a filter over the whole log would', () => {
    const periods: [Date | undefined, Date | undefined][] = [
      [undefined, undefined],
      [new Date('2026-11-23T06:30:00Z'), new Date('2026-11-27T00:00:00Z')],
      [log[40]!.at, log[41]!.at],
      [new Date('2026-12-30T00:00:00Z'), undefined],
    ];
    for (const [from, to] of periods) {
      const expected = log.filter((entry) => (!from || entry.at >= from) && (!to || entry.at < to));
      const range = feed.within(from, to);
      expect(range.length).toBe(expected.length);
      expect(range.slice(0, 25)).toEqual(expected.slice(0, 25));
      expect(range.slice(20, 45)).toEqual(expected.slice(20, 45));
      const lastThree = Math.max(0, expected.length - 3);
      expect(range.slice(lastThree, expected.length + 10)).toEqual(expected.slice(lastThree));
    }
  });

  it('gives each record’s latest version from a time on, and no version another has replaced', () => {
    const from = new Date('2026-11-25T00:00:00Z');
    const newest = new Map(log.map((entry) => [entry.recordNo, entry.version]));
    const latest = [...feed.latestFrom(from)];
    expect(latest).toEqual(log.filter((entry) => entry.at >= from && newest.get(entry.recordNo) === entry.version));
    expect(latest.length).toBeLessThan(log.filter((entry) => entry.at >= from).length);
    expect(feed.latestVersions()).toHaveLength(newest.size);
  });
});
