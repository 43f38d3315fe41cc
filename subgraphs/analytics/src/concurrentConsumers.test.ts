import { EventConsumer, testBackends, type Database } from '@huying/runtime';
import { ANALYTICS_SCHEMA, applyAnalyticsEvents } from './projector';
import { DistrictStory, listFeed, openAnalyticsDatabase, shuffled, type SourcedEvent } from './analyticsEvents.testkit';

/** 120 cases, each opened, dispatched, signed, resolved, lit and rated; every third reopened. */
function busyDistrict(): DistrictStory {
  const story = new DistrictStory();
  for (let index = 0; index < 120; index++) {
    const caseId = `K${String(index).padStart(3, '0')}`;
    const day = String(1 + (index % 28)).padStart(2, '0');
    const at = (hour: number) => `2026-03-${day}T${String(hour).padStart(2, '0')}:00:00Z`;
    story
      .opened(caseId, at(1), `S0${index % 3}`, '0101', 'HOTLINE', 114.3, 30.6, at(23))
      .handled(caseId, `A${caseId}`, 'D-SAN', 1, { dispatched: at(2), signed: at(3), resolved: at(9) }, at(23))
      .light(caseId, `A${caseId}`, 'D-SAN', 'YELLOW', at(6))
      .evaluated(caseId, 1, index % 3 !== 0, at(12));
  }
  return story;
}

const FACT_COLUMNS = `case_id, street_id, department_id, round, responded_at, deadline_at, resolved, resolved_at, satisfied, light, report_count`;

describe.each(testBackends())('three analytics consumers at once on $kind', (backend) => {
  let db: Database;
  let dispose: () => Promise<void>;
  beforeEach(async () => {
    ({ db, dispose } = await openAnalyticsDatabase(backend));
  });
  afterEach(() => dispose());

  const consumer = (source: SourcedEvent['source'], events: readonly SourcedEvent[]) =>
    new EventConsumer({ db, schema: ANALYTICS_SCHEMA, name: `analytics<-${source}`, feed: listFeed(events), handleBatch: applyAnalyticsEvents, batchSize: 40 });

  it('converge without a deadlock when the feeds touch the same cases in opposite orders', async () => {
    const story = busyDistrict();
    // The cases feed goes case by case upwards, dispatch's downwards, feedback's shuffled: row locks
    // taken in those orders by concurrent transactions are what PostgreSQL reported as deadlocks.
    const cases = story.bySource('cases');
    const dispatch = [...story.bySource('dispatch')].reverse();
    const feedback = shuffled(story.bySource('feedback'), 11);
    const consumers = [consumer('cases', cases), consumer('dispatch', dispatch), consumer('feedback', feedback)];

    const applied = await Promise.all(consumers.map((each) => each.drain()));
    expect(applied).toEqual([cases.length, dispatch.length, feedback.length]);
    const concurrent = await db.query(`SELECT ${FACT_COLUMNS} FROM analytics.case_fact ORDER BY case_id`);

    // The same events applied one feed after the other, into an emptied read model.
    await db.query(`TRUNCATE analytics.case_fact, analytics.report, analytics.assignment, analytics.evaluation, analytics.reopen, analytics.event_checkpoints`);
    for (const each of [consumer('cases', cases), consumer('dispatch', dispatch), consumer('feedback', feedback)]) await each.drain();
    const sequential = await db.query(`SELECT ${FACT_COLUMNS} FROM analytics.case_fact ORDER BY case_id`);

    expect(concurrent).toHaveLength(120);
    expect(concurrent).toEqual(sequential);
    const reopened = concurrent.filter((row) => row.round === 2);
    expect(reopened).toHaveLength(40);
    expect(reopened.every((row) => row.resolved === false && row.satisfied === false)).toBe(true);
    expect(concurrent.filter((row) => row.resolved)).toHaveLength(80);
  });
});
