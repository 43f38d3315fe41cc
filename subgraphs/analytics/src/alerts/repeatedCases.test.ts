import { REPEATED_CASE_DEFAULTS, repeatedCaseAlerts, type CaseOpenings, type CaseReports } from './repeatedCases';

const DAYS = 80;
/** Cases opened per day: `perDay` every day of the series. */
const steady = (perDay: number, days = DAYS) => new Array<number>(days).fill(perDay);
/** One case reported through the hotline on each of `days` (a day twice: two reports that day). */
const reported = (caseId: string, days: number[], categoryCode = 'lamp', channel = 'HOTLINE'): CaseReports => ({ caseId, categoryCode, channel, reportDays: days });
/** Cases first reported each day, per category, through the hotline. */
const hotline = (byCategory: Record<string, number[]>): CaseOpenings[] => Object.entries(byCategory).map(([categoryCode, counts]) => ({ categoryCode, channel: 'HOTLINE', counts }));

describe('repeatedCaseAlerts', () => {
  it('alerts on the day a case reaches three reports in a category whose cases are reported once, with the shrunk tail', () => {
    const burst = reported('B', [40, 41, 41, 43]);
    const opened = { lamp: steady(10).map((count, day) => count + (day === 40 ? 1 : 0)) };
    const [alert, ...others] = repeatedCaseAlerts([burst], hotline(opened), DAYS);
    expect(others).toEqual([]);
    expect(alert).toMatchObject({ caseId: 'B', openedDay: 41, observed: 3 });
    // The history the 41st is judged on ends on the 33rd: 34 days of 10 cases, none reported three times.
    // The city's share is (0 + 1) / (340 + 1); the lamps', shrunk toward it by 200 cases: (0 + 200 × city) / (340 + 200);
    // the lamps' through the hotline (the same 340), shrunk toward the lamps': (0 + 200 × lamps) / (340 + 200).
    const city = 1 / 341;
    const lamps = (200 * city) / 540;
    expect(alert!.pValue).toBeCloseTo((200 * lamps) / 540, 12);
    // the fourth report, two days later, grows the alert
    expect(alert!.count).toBe(4);
  });

  it('says nothing of a case reported three times in a category where one case in ten is', () => {
    const usual = Array.from({ length: DAYS }, (_, day) => reported(`U${day}`, [day, day, day + 1].filter((at) => at < DAYS)));
    const burst = reported('B', [40, 41, 41]);
    expect(repeatedCaseAlerts([...usual, burst], hotline({ lamp: steady(10) }), DAYS).filter((alert) => alert.caseId === 'B')).toEqual([]);
    // five times is more than any lamp was: unusual there too
    const bigger = reported('B', [40, 41, 41, 42, 42]);
    expect(repeatedCaseAlerts([...usual, bigger], hotline({ lamp: steady(10) }), DAYS).map((alert) => alert.caseId)).toEqual(['B']);
  });

  it('never alerts under three reports, nor before a month of history', () => {
    expect(repeatedCaseAlerts([reported('B', [40, 40])], hotline({ lamp: steady(10) }), DAYS)).toEqual([]);
    expect(repeatedCaseAlerts([reported('B', [10, 10, 11])], hotline({ lamp: steady(10) }), DAYS)).toEqual([]);
  });

  it('borrows the city\'s history for a category with little of its own', () => {
    const burst = reported('B', [40, 40, 41], 'rare');
    const rare = new Array<number>(DAYS).fill(0);
    rare[40] = 1;
    // a city whose cases are reported once: three reports are rare for any category
    expect(repeatedCaseAlerts([burst], hotline({ lamp: steady(10), rare }), DAYS)).toHaveLength(1);
    // a city where one case in five is reported three times: not unusual for a category that knows no better
    const usual = Array.from({ length: DAYS }, (_, day) => [0, 1].map((n) => reported(`U${day}-${n}`, [day, day, day])));
    expect(repeatedCaseAlerts([...usual.flat(), burst], hotline({ lamp: steady(10), rare }), DAYS).filter((alert) => alert.caseId === 'B')).toEqual([]);
  });

  it('says nothing when a campaign brings every case of a channel more reports, while a case growing past the rest still stands out', () => {
    // the app's 20 lamp cases a day, each reported once until day 50; from then on each is reported three times
    const app = (categoryCode: string) => ({ categoryCode, channel: 'APP', counts: steady(20) });
    const campaign = Array.from({ length: DAYS - 50 }, (_, n) => Array.from({ length: 20 }, (_, k) => ({ ...reported(`A${n}-${k}`, [50 + n, 50 + n, 50 + n]), channel: 'APP' }))).flat();
    expect(repeatedCaseAlerts(campaign, [app('lamp')], DAYS)).toEqual([]);
    // the same campaign beside a hotline case reported five times: the hotline has no campaign
    const alerts = repeatedCaseAlerts([...campaign, reported('B', [52, 52, 53, 53, 54])], [app('lamp'), ...hotline({ lamp: steady(10) })], DAYS);
    expect(alerts.map((alert) => [alert.caseId, alert.channel])).toEqual([['B', 'HOTLINE']]);
  });

  it('judges a case against its category through its own channel: an app whose cases always come three times blinds nobody', () => {
    // ten app cases a day, each reported three times, beside a hundred hotline cases reported once
    const app = Array.from({ length: DAYS * 10 }, (_, n) => ({ ...reported(`A${n}`, [0, 0, 0].map(() => Math.floor(n / 10))), channel: 'APP' }));
    const opened = [{ categoryCode: 'lamp', channel: 'APP', counts: steady(10) }, ...hotline({ lamp: steady(100) })];
    expect(repeatedCaseAlerts([...app, reported('B', [40, 41, 41])], opened, DAYS).map((alert) => [alert.caseId, alert.channel])).toEqual([['B', 'HOTLINE']]);
  });

  it('is not held back by chronic cases of its channel reported at their usual pace', () => {
    const chronic = Array.from({ length: 6 }, (_, n) => reported(`C${n}`, Array.from({ length: DAYS }, (_, day) => day)));
    const alerts = repeatedCaseAlerts([...chronic, reported('B', [60, 61, 61])], hotline({ lamp: steady(50) }), DAYS);
    expect(alerts.filter((alert) => alert.caseId === 'B').map((alert) => alert.openedDay)).toEqual([61]);
  });

  it('follows its case while it grows instead of firing again, and closes once the case is quiet', () => {
    const days = [40, 40, 41, 44, 45, 45, 47, 50];
    const [alert, ...others] = repeatedCaseAlerts([reported('B', days)], hotline({ lamp: steady(10) }), DAYS);
    expect(others).toEqual([]);
    expect(alert).toMatchObject({ openedDay: 41, count: 8 });
    expect(alert!.closedDay).not.toBeNull();
    expect(alert!.closedDay! - alert!.lastUnusualDay).toBe(REPEATED_CASE_DEFAULTS.quietDays);
  });

  it('judges a chronic case against its own largest week: the same pace again is not growth', () => {
    // three reports every four weeks (each alert closed in between), then five in one week
    const chronic = Array.from({ length: 4 }, (_, month) => [30, 31, 32].map((day) => day + month * 28)).flat();
    const alerts = repeatedCaseAlerts([reported('C', chronic)], hotline({ lamp: steady(10, 150) }), 150);
    expect(alerts.map((alert) => alert.openedDay)).toEqual([32]);
    const grown = repeatedCaseAlerts([reported('C', [...chronic, 140, 140, 141, 141, 142])], hotline({ lamp: steady(10, 150) }), 150);
    expect(grown.map((alert) => alert.openedDay)).toEqual([32, 141]);
  });

  it('finds living through the days what it finds on the whole history: no day is judged on what came after it', () => {
    const cases = [reported('A', [35, 36, 36, 50, 51]), reported('B', [45, 45, 46, 46, 47, 60]), ...Array.from({ length: 30 }, (_, n) => reported(`U${n}`, [n * 2, n * 2 + 1]))];
    const opened = { lamp: steady(6) };
    const whole = repeatedCaseAlerts(cases, hotline(opened), DAYS);
    expect(whole.length).toBeGreaterThan(0);
    for (let days = 30; days <= DAYS; days += 7) {
      const sofar = repeatedCaseAlerts(cases, hotline(opened), days);
      expect(sofar.map(({ caseId, openedDay, observed, pValue }) => ({ caseId, openedDay, observed, pValue }))).toEqual(
        whole.filter((alert) => alert.openedDay < days).map(({ caseId, openedDay, observed, pValue }) => ({ caseId, openedDay, observed, pValue })),
      );
    }
  });
});
