import { alertDecision } from './alertDecision';
import { alertReason, alertScore, oneAlertPerBurst, placeProblemAlerts, problemShareAlerts, repeatedCaseFindings, type EmergingAlert } from './emergingAlerts';

/** `days` days of `base` a day, then `burst` on the days listed. */
const series = (days: number, base: (day: number) => number, burst: Record<number, number> = {}) =>
  Array.from({ length: days }, (_, day) => burst[day] ?? base(day));

describe('emerging-issue alerts from daily counts', () => {
  it('raise one alert for a place whose problem grows past its own history, and none for a steady one', () => {
    const quiet = series(60, (day) => (day % 10 === 0 ? 1 : 0), { 50: 3, 51: 4, 52: 5 });
    const steady = series(60, () => 2);
    const alerts = placeProblemAlerts([
      { place: 'C-erqi', placeName: '二七社区', categoryCode: '0401', counts: quiet },
      { place: 'C-sanyang', placeName: '三阳社区', categoryCode: '0401', counts: steady },
    ]);
    expect(alerts).toHaveLength(1);
    // Three on day 50 is not yet unusual; seven by day 51 is. The week's window still holds nine (days 51–57)
    // on day 57, so the alert grows to it.
    expect(alerts[0]).toMatchObject({ detector: 'PLACE_PROBLEM', place: 'C-erqi', placeName: '二七社区', categoryCode: '0401', openedDay: 51, lastUnusualDay: 57, closedDay: null });
    expect(alerts[0]!.count).toBe(12);
    expect(alerts[0]!.observed).toBeGreaterThan(alerts[0]!.expected * 5);
  });

  it('follow a problem type that stays high as one alert, and close it after 14 quiet days', () => {
    const days = 90;
    const totals = series(days, () => 100);
    const water = series(days, () => 3, { 40: 20, 41: 22, 44: 25 });
    const roads = series(days, () => 10);
    const alerts = problemShareAlerts(totals, { '0201': water, '0401': roads });
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ detector: 'PROBLEM_SHARE', place: null, categoryCode: '0201', openedDay: 40, lastUnusualDay: 44, closedDay: 58, count: 67 });
  });

  it('raise a case\'s alert about its place and problem', () => {
    const opened = [{ categoryCode: '0401', channel: 'HOTLINE', counts: Array.from({ length: 60 }, () => 5) }];
    const alerts = repeatedCaseFindings([{ caseId: 'K1', categoryCode: '0401', channel: 'HOTLINE', reportDays: [50, 50, 51], place: 'C-erqi', placeName: '二七社区' }], opened, 60);
    expect(alerts).toEqual([
      expect.objectContaining({ detector: 'REPEATED_CASE', place: 'C-erqi', placeName: '二七社区', categoryCode: '0401', openedDay: 51, observed: 3, count: 3, repeatedCaseIds: ['K1'] }),
    ]);
  });

  it('make one alert of the findings about one place and problem whose spans meet, named by the first (oldest first)', () => {
    const finding = (detector: EmergingAlert['detector'], place: string | null, openedDay: number, lastUnusualDay: number, closedDay: number | null, count: number): EmergingAlert => ({
      detector, place, placeName: null, categoryCode: '0401', openedDay, lastUnusualDay, closedDay, count, observed: count, expected: 1, pValue: 1e-4,
      ...(detector === 'REPEATED_CASE' ? { repeatedCaseIds: [`K-${place}-${openedDay}`] } : {}),
    });
    const merged = oneAlertPerBurst([
      finding('PLACE_PROBLEM', 'C-erqi', 52, 55, 69, 12),
      finding('REPEATED_CASE', 'C-erqi', 50, 53, 67, 5),
      // a second case at the same place the duplicate filter kept apart
      finding('REPEATED_CASE', 'C-erqi', 54, 54, 68, 4),
      // another case at the same place, after the first alert closed: an alert of its own
      finding('REPEATED_CASE', 'C-erqi', 90, 90, null, 3),
      finding('REPEATED_CASE', 'C-sanyang', 51, 51, 65, 3),
      finding('PROBLEM_SHARE', null, 50, 50, null, 40),
    ]);
    expect(merged.map(({ detector, place, openedDay, lastUnusualDay, closedDay, count, repeatedCaseIds }) => ({ detector, place, openedDay, lastUnusualDay, closedDay, count, repeatedCaseIds }))).toEqual([
      { detector: 'PROBLEM_SHARE', place: null, openedDay: 50, lastUnusualDay: 50, closedDay: null, count: 40, repeatedCaseIds: undefined },
      { detector: 'REPEATED_CASE', place: 'C-erqi', openedDay: 50, lastUnusualDay: 55, closedDay: 69, count: 12, repeatedCaseIds: ['K-C-erqi-50', 'K-C-erqi-54'] },
      { detector: 'REPEATED_CASE', place: 'C-sanyang', openedDay: 51, lastUnusualDay: 51, closedDay: 65, count: 3, repeatedCaseIds: ['K-C-sanyang-51'] },
      { detector: 'REPEATED_CASE', place: 'C-erqi', openedDay: 90, lastUnusualDay: 90, closedDay: null, count: 3, repeatedCaseIds: ['K-C-erqi-90'] },
    ]);
  });

  it('score and say how unusual, in words the command centre reads', () => {
    expect(alertScore(0.001)).toBe(3);
    expect(alertScore(1e-12)).toBe(12);
    const reason = alertReason({ detector: 'PLACE_PROBLEM', observed: 12, expected: 0.05, pValue: 2e-9, count: 12 }, { place: '二七社区', category: '路灯' });
    expect(reason).toBe('二七社区「路灯」近7天12件，按其以往约0.05件（p=2.0e-9），累计12件');
    expect(alertReason({ detector: 'REPEATED_CASE', observed: 4, expected: 1.08, pValue: 3e-4, count: 5 }, { place: '二七社区', category: '路灯' })).toBe(
      '二七社区「路灯」同一诉求近7天经同一渠道4次反映，同类诉求通常约1.1次（p=3.0e-4），累计5件',
    );
  });
});

describe('the command centre deciding an alert', () => {
  it('acknowledges or dismisses an open one, dismisses an acknowledged one, and settles a dismissed one', () => {
    expect(alertDecision('OPEN', 'ACKNOWLEDGED', null)).toBeNull();
    expect(alertDecision('OPEN', 'DISMISSED', '施工期间的正常投诉')).toBeNull();
    expect(alertDecision('ACKNOWLEDGED', 'DISMISSED', '已核实为误报')).toBeNull();
    expect(alertDecision('ACKNOWLEDGED', 'ACKNOWLEDGED', null)?.code).toBe('CONFLICT');
    expect(alertDecision('DISMISSED', 'ACKNOWLEDGED', null)?.code).toBe('CONFLICT');
  });

  it('asks why an alert is dismissed, in a sentence', () => {
    expect(alertDecision('OPEN', 'DISMISSED', null)?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    expect(alertDecision('OPEN', 'DISMISSED', '   ')?.code).toBe('BAD_USER_INPUT');
    expect(alertDecision('OPEN', 'ACKNOWLEDGED', '很'.repeat(501))?.code).toBe('BAD_USER_INPUT');
  });
});
