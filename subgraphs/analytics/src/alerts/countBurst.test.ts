import poissonCdf from '@stdlib/stats-base-dists-poisson-cdf';
import { COUNT_BURST_DEFAULTS, countBursts } from './countBurst';

// A quiet river: one complaint every ten days or so.
// The mechanics on a short window (3 days, the baseline 2 behind), where the answers are small enough to follow.
const SHORT = { ...COUNT_BURST_DEFAULTS, windowDays: 3, gapDays: 2 };
const quiet = (days: number) => Array.from({ length: days }, (_, day) => (day % 10 === 3 ? 1 : 0));

describe('countBursts', () => {
  it('alerts on the day a burst leaves its own baseline, with the Poisson tail of the window', () => {
    const counts = [...quiet(60), 2, 1, 3, 4, 5, 0, 0];
    const { alerts, days } = countBursts(counts, SHORT);
    expect(alerts).toHaveLength(1);
    // 2 + 1 on days 60–61 is 3 against about 0.3 expected (p ≈ 0.004, not yet); with day 62's 3 it is 6.
    expect(days[61]).toMatchObject({ windowCount: 3, unusual: false });
    expect(alerts[0]!.openedDay).toBe(62);
    const opening = days[62]!;
    expect(opening.windowCount).toBe(6);
    // P(X ≥ 6) for a Poisson of λ: 1 − e^−λ Σ_{k<6} λ^k / k!.
    const λ = opening.expected;
    let below = 0;
    for (let k = 0, term = 1; k < 6; k++, term *= λ / k) below += term;
    expect(opening.pValue).toBeCloseTo(1 - Math.exp(-λ) * below, 12);
    expect(days.slice(0, 62).some((day) => day.unusual)).toBe(false);
  });

  it('follows its burst as it grows instead of firing again, and closes once the series is quiet', () => {
    const counts = [...quiet(60), 3, 4, 6, 8, 9, 7, ...Array(20).fill(0)];
    const { alerts } = countBursts(counts, SHORT);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.count).toBe(37);
    expect(alerts[0]!.closedDay).not.toBeNull();
  });

  it('says nothing of a chronic river at its usual level, however high', () => {
    const chronic = Array.from({ length: 365 }, (_, day) => [2, 3, 1, 2, 4, 2, 3][day % 7]!);
    expect(countBursts(chronic).alerts).toEqual([]);
  });

  it('says nothing before it has a month of history', () => {
    expect(countBursts([5, 5, 5, 0, 0]).alerts).toEqual([]);
  });

  it('gives the same answer replayed as lived: no day looks ahead', () => {
    const counts = [...quiet(50), 0, 2, 2, 1, 0, 3, 5, 1, 0, 0, 0, 4, 4];
    const whole = countBursts(counts);
    for (let length = 1; length <= counts.length; length++) {
      const lived = countBursts(counts.slice(0, length));
      expect(lived.days).toEqual(whole.days.slice(0, length));
      expect(lived.alerts.map((alert) => alert.openedDay)).toEqual(whole.alerts.filter((alert) => alert.openedDay < length).map((alert) => alert.openedDay));
    }
  });

  it('keeps a gap: the burst is not in the baseline it is tested against', () => {
    const counts = [...quiet(40), 4, 4, 4];
    const { days } = countBursts(counts, { ...SHORT, windowDays: 1 });
    // Days 41 and 42 are tested against a baseline that has not seen day 40's burst yet.
    expect(days[42]!.expected).toBeCloseTo(days[40]!.expected, 1);
    expect(days[42]!.unusual).toBe(true);
  });

  it('by default sums a week against a baseline a week behind: a burst built over ten days alerts within its first week', () => {
    // one complaint a day or two apart, then more: 15 over ten days, from a quiet river
    const counts = [...quiet(60), 1, 0, 1, 1, 2, 1, 2, 3, 2, 2, 0, 0];
    const { alerts, days } = countBursts(counts);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.openedDay).toBeGreaterThanOrEqual(62);
    expect(alerts[0]!.openedDay).toBeLessThanOrEqual(66);
    // the days of the burst are not yet in the baseline the last of them is tested against
    expect(days[69]!.expected).toBeCloseTo(days[61]!.expected, 1);
  });

  describe("against the city's volume", () => {
    // A busy place: 10 requests a day in a city of 1,000, steady for 100 days.
    const steady = (days: number, perDay: number) => Array<number>(days).fill(perDay);
    const place = [...steady(100, 10), ...steady(60, 20)];
    const rest = [...steady(100, 990), ...steady(60, 1980)];
    const city = place.map((count, day) => count + rest[day]!);

    it('raises nothing when a channel onboarded brings as much again everywhere, which its own history alone would', () => {
      // Alone, 100 in the week against the 70 it expects alerts on the third day.
      expect(countBursts(place).alerts.map((alert) => alert.openedDay)).toEqual([102]);
      const { alerts, days } = countBursts(place, COUNT_BURST_DEFAULTS, city);
      expect(alerts).toEqual([]);
      // Three days in, the window holds 3 days of 10 and 4 of 20; so does what it expects, near enough.
      expect(days[103]!.windowCount).toBe(110);
      expect(days[103]!.expected).toBeGreaterThan(105);
      expect(days[103]!.expected).toBeLessThan(115);
      // At the city's usual volume the window is judged by a Poisson tail.
      expect(days[90]!.pValue).toBeCloseTo(1 - poissonCdf(days[90]!.windowCount - 1, days[90]!.expected), 12);
      // After the step the place's baseline was learnt from half the requests that come now: a count above
      // what it expects is judged less surely unusual than a Poisson would judge it.
      const busier = place.map((count, day) => (day >= 100 ? 30 : count));
      const after = countBursts(busier, COUNT_BURST_DEFAULTS, busier.map((count, day) => count + rest[day]!)).days[102]!;
      expect(after.windowCount).toBeGreaterThan(after.expected * 1.2);
      expect(after.pValue).toBeGreaterThan(1 - poissonCdf(after.windowCount - 1, after.expected));
    });

    it('still alerts on the place growing past the rest, its own requests not counted as the city growing', () => {
      const burst = place.map((count, day) => (day >= 140 ? count + 20 : count));
      const { alerts, days } = countBursts(burst, COUNT_BURST_DEFAULTS, burst.map((count, day) => count + rest[day]!));
      // 20 more a day: 180 in the week against about 140 by its second day.
      expect(alerts.map((alert) => alert.openedDay)).toEqual([141]);
      expect(days[140]!.expected).toBeCloseTo(countBursts(place, COUNT_BURST_DEFAULTS, city).days[140]!.expected, 6);
    });

    it('never makes a place more unusual because the rest of the city is quieter', () => {
      const quieter = [...steady(100, 990), ...steady(60, 400)];
      const withCity = countBursts(place, COUNT_BURST_DEFAULTS, place.map((count, day) => count + quieter[day]!)).days;
      const alone = countBursts(place).days;
      withCity.forEach((day, index) => expect(day.expected).toBeCloseTo(alone[index]!.expected, 9));
    });

    it('in a city of a few requests a day, barely moves: a doubling there is mostly noise', () => {
      const small = [...steady(100, 1), ...steady(60, 2)];
      const quiet = Array<number>(160).fill(0);
      const { days } = countBursts(quiet, COUNT_BURST_DEFAULTS, small);
      // (14 + 30) / (7 + 30): the rest's 14 in a week against the 7 it expects, with 30 requests' prior.
      expect(days[106]!.expected / countBursts(quiet).days[106]!.expected).toBeCloseTo(44 / 37, 2);
    });
  });
});
