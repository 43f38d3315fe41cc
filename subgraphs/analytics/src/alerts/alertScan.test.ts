import { testBackends, type Database } from '@huying/runtime';
import { applyAnalyticsEvent } from '../projector';
import { DistrictStory, openAnalyticsDatabase } from '../analyticsEvents.testkit';
import { decideAlert } from './alertDecision';
import { alerts } from './alertQueries';
import { scanForAlerts } from './alertScan';

/** Noon of a March 2026 Beijing day (UTC+8), as an instant. */
const march = (day: number, hour = 12) => new Date(Date.UTC(2026, 2, day, hour - 8));
const at = (day: number, hour = 12) => march(day, hour).toISOString();

/**
 * S1: a lamp out now and then since January (a case every ten days), then seven requests on 28–29 March.
 * S2: two a day about the same problem all along: busy, but steady.
 */
function district(): DistrictStory {
  const story = new DistrictStory();
  const january = Date.UTC(2026, 0, 1, 4);
  for (let day = 0; day < 88; day++) {
    const when = new Date(january + day * 86_400_000).toISOString();
    if (day % 10 === 0) story.opened(`Q${day}`, when, 'S1', '0101', 'HOTLINE', 114.3, 30.6, null);
    story.opened(`S${day}a`, when, 'S2', '0101', 'GRID', 114.4, 30.7, null).opened(`S${day}b`, when, 'S2', '0101', 'GRID', 114.4, 30.7, null);
  }
  story.opened('B1', at(28, 9), 'S1', '0101', 'HOTLINE', 114.3, 30.6, null).report('B1', 'B1-r2', 'GRID', at(28, 10), 'MERGED');
  story.opened('B2', at(28, 15), 'S1', '0101', 'MESSAGE_BOARD', 114.3, 30.6, null).report('B2', 'B2-r2', 'HOTLINE', at(29, 8), 'MERGED');
  story.opened('B3', at(29, 9), 'S1', '0101', 'HOTLINE', 114.3, 30.6, null).report('B3', 'B3-r2', 'HOTLINE', at(29, 11), 'MERGED').report('B3', 'B3-r3', 'GRID', at(29, 20), 'MERGED');
  return story;
}

/** The alerts as filed, without when and in which revision: a replay writes more often than one scan. */
async function filed(db: Database) {
  const rows = await alerts(db, { statuses: null, detector: null, categoryCode: null, since: null, first: 100 });
  return rows.map(({ raised_at: _raisedAt, revision: _revision, ...alert }) => alert);
}

/**
 * Five places with four requests a day each through the grid since January; from 10 March a new channel (the
 * app) brings as many again to every place. Against its own history alone, each place's week doubles.
 */
function appOnboarded(): DistrictStory {
  const story = new DistrictStory();
  const january = Date.UTC(2026, 0, 1, 4);
  const onboarded = Date.UTC(2026, 2, 10, 4);
  for (let day = 0; day < 88; day++) {
    const when = january + day * 86_400_000;
    for (const street of ['T1', 'T2', 'T3', 'T4', 'T5']) {
      const caseId = `${street}-${day}`;
      story.opened(caseId, new Date(when).toISOString(), street, '0101', 'GRID', 114.3, 30.6, null);
      for (let n = 2; n <= 4; n++) story.report(caseId, `${caseId}-r${n}`, 'GRID', new Date(when + n * 60_000).toISOString(), 'MERGED');
      if (when >= onboarded) for (let n = 5; n <= 8; n++) story.report(caseId, `${caseId}-r${n}`, 'APP', new Date(when + n * 60_000).toISOString(), 'MERGED');
    }
  }
  return story;
}

/**
 * S3: a busy street, six lamp cases a day since January, each reported once. On 28–29 March one of them, R1, is
 * reported four times through `channels` (one channel each, in turn): too few to move the street's week.
 */
function busyStreet(channels: string[]): DistrictStory {
  const story = new DistrictStory();
  const january = Date.UTC(2026, 0, 1, 4);
  for (let day = 0; day < 88; day++) {
    for (let n = 0; n < 6; n++) story.opened(`L${day}-${n}`, new Date(january + day * 86_400_000 + n * 60_000).toISOString(), 'S3', '0101', 'HOTLINE', 114.5, 30.8, null);
  }
  story.opened('R1', at(28, 9), 'S3', '0101', channels[0]!, 114.5, 30.8, null);
  [at(28, 14), at(29, 8), at(29, 10)].forEach((when, n) => story.report('R1', `R1-r${n + 2}`, channels[(n + 1) % channels.length]!, when, 'MERGED'));
  return story;
}

describe.each(testBackends())('the emerging-issue scan on $kind', (backend) => {
  let db: Database;
  let dispose: () => Promise<void>;
  const fresh = async (story: DistrictStory) => {
    ({ db, dispose } = await openAnalyticsDatabase(backend));
    for (const event of story.events) await db.transaction((tx) => applyAnalyticsEvent(tx, event));
  };
  afterEach(() => dispose());

  it('raises one alert for the place whose problem grew, with its cases, and files nothing twice', async () => {
    await fresh(district());
    expect(await scanForAlerts(db, march(30, 9))).toMatchObject({ series: 2, raised: 1, grown: 0 });
    const [alert, ...others] = await filed(db);
    expect(others).toEqual([]);
    expect(alert).toMatchObject({
      detector: 'PLACE_PROBLEM',
      place: 'S1-C1',
      place_name: 'S1一社区',
      category_code: '0101',
      // Three on the 28th are not yet unusual; seven by the 29th are.
      opened_on: '2026-03-29',
      last_unusual_on: '2026-03-29',
      closed_on: null,
      report_count: 7,
      status: 'OPEN',
    });
    expect([...alert!.case_ids].sort()).toEqual(['B1', 'B2', 'B3']);
    expect(await scanForAlerts(db, march(30, 15))).toMatchObject({ raised: 0, grown: 0 });
  });

  it('lets the alert grow in place as the problem goes on, and keeps the command centre\'s decision', async () => {
    const story = district();
    await fresh(story);
    await scanForAlerts(db, march(30, 9));
    const [opened] = await filed(db);
    await decideAlert(db, { alertId: opened!.alert_id, wanted: 'ACKNOWLEDGED', reason: '已通知路灯所', by: 'COMMAND_CENTRE', at: march(30, 10) });
    for (const event of new DistrictStory().opened('B4', at(30, 8), 'S1', '0101', 'HOTLINE', 114.3, 30.6, null).report('B4', 'B4-r2', 'GRID', at(30, 9), 'MERGED').events) {
      await db.transaction((tx) => applyAnalyticsEvent(tx, event));
    }
    expect(await scanForAlerts(db, march(31, 9))).toMatchObject({ raised: 0, grown: 1 });
    const [grown, ...others] = await filed(db);
    expect(others).toEqual([]);
    expect(grown).toMatchObject({ alert_id: opened!.alert_id, last_unusual_on: '2026-03-30', report_count: 9, status: 'ACKNOWLEDGED', decided_by: 'COMMAND_CENTRE', decision_reason: '已通知路灯所' });
    expect(grown!.case_ids).toContain('B4');
  });

  it('keeps a dismissed alert dismissed while its burst does not grow, and opens it again once it grows past it', async () => {
    await fresh(district());
    await scanForAlerts(db, march(30, 9));
    const [opened] = await filed(db);
    await decideAlert(db, { alertId: opened!.alert_id, wanted: 'DISMISSED', reason: '同一处施工，已知', by: 'COMMAND_CENTRE', at: march(30, 10) });
    expect(await scanForAlerts(db, march(30, 15))).toMatchObject({ raised: 0, grown: 0 });
    expect((await filed(db))[0]).toMatchObject({ status: 'DISMISSED', report_count: 7, decided_by: 'COMMAND_CENTRE' });

    // the next day the burst is still in its week's window, unusual, but no bigger: still dismissed
    expect(await scanForAlerts(db, march(31, 9))).toMatchObject({ raised: 0, grown: 1 });
    expect((await filed(db))[0]).toMatchObject({ status: 'DISMISSED', last_unusual_on: '2026-03-30', report_count: 7 });

    // two more calls on the 31st: unusual after the day it was dismissed, and bigger than it was judged at
    for (const event of new DistrictStory().opened('B4', at(31, 8), 'S1', '0101', 'HOTLINE', 114.3, 30.6, null).report('B4', 'B4-r2', 'GRID', at(31, 9), 'MERGED').events) {
      await db.transaction((tx) => applyAnalyticsEvent(tx, event));
    }
    expect(await scanForAlerts(db, march(32, 9))).toMatchObject({ raised: 0, grown: 1 });
    const [reopened, ...others] = await filed(db);
    expect(others).toEqual([]);
    expect(reopened).toMatchObject({ alert_id: opened!.alert_id, status: 'OPEN', last_unusual_on: '2026-03-31', report_count: 9, decided_by: null, decided_at: null, decision_reason: null });
    // the dismissal stays on record
    const [audited] = await db.query<{ action: string; reason: string }>(`SELECT action, reason FROM analytics.audit_log WHERE subject_id = $1`, [opened!.alert_id]);
    expect(audited).toEqual({ action: 'ALERT_DISMISSED', reason: '同一处施工，已知' });
  });

  it('raises nothing when a new channel brings as much again to every place', async () => {
    await fresh(appOnboarded());
    expect(await scanForAlerts(db, march(30, 9))).toMatchObject({ series: 5, raised: 0 });
    expect(await filed(db)).toEqual([]);
  });

  it('raises an alert on one case reported again and again through one channel, where its street\'s count is usual', async () => {
    await fresh(busyStreet(['HOTLINE']));
    expect(await scanForAlerts(db, march(30, 9))).toMatchObject({ raised: 1 });
    const [alert, ...others] = await filed(db);
    expect(others).toEqual([]);
    expect(alert).toMatchObject({ detector: 'REPEATED_CASE', place: 'S3-C1', category_code: '0101', opened_on: '2026-03-29', observed: 4 });
    expect(alert!.case_ids[0]).toBe('R1');
  });

  it('reads each channel apart: four reports of one case through four channels, one each, are no channel\'s repeat', async () => {
    await fresh(busyStreet(['HOTLINE', 'GRID', 'APP', 'MESSAGE_BOARD']));
    expect(await scanForAlerts(db, march(30, 9))).toMatchObject({ raised: 0 });
  });

  it('keeps one alert when late requests move the burst\'s first day earlier', async () => {
    await fresh(district());
    await scanForAlerts(db, march(30, 9));
    const [first] = await filed(db);
    // A channel's backlog arrives: three more calls of the 28th, which make the 28th unusual on its own.
    const late = new DistrictStory().report('B1', 'B1-r3', 'GRID', at(28, 11), 'MERGED').report('B1', 'B1-r4', 'GRID', at(28, 12), 'MERGED').report('B2', 'B2-r3', 'GRID', at(28, 16), 'MERGED');
    for (const event of late.events) await db.transaction((tx) => applyAnalyticsEvent(tx, event));
    expect(await scanForAlerts(db, march(30, 15))).toMatchObject({ raised: 0, grown: 1 });
    const [again, ...others] = await filed(db);
    expect(others).toEqual([]);
    // the burst's seven and the three late calls, and the street's usual call of the 22nd in the week's window
    expect(again).toMatchObject({ alert_id: first!.alert_id, opened_on: first!.opened_on, report_count: 11 });
  });

  it('finds on a replay, a day at a time, the alerts one scan at the end finds', async () => {
    await fresh(district());
    for (let day = 1; day <= 31; day++) await scanForAlerts(db, march(day, 1));
    const replayed = await filed(db);
    await dispose();
    await fresh(district());
    await scanForAlerts(db, march(31, 1));
    expect(await filed(db)).toEqual(replayed);
    expect(replayed).toHaveLength(1);
  });
});
