import { createLogger, gatewayHeaders, ManualClock, outboxFeed, serveSubgraph, testBackends, type Database, type ServedSubgraph } from '@huying/runtime';
import { feedbackService, type FeedbackService } from './service';
import { assignment, classified, reportAttached, upstreamOutboxes } from './upstreamEvents.testkit';

interface GraphQLAnswer {
  data?: Record<string, any> | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

describe.each(testBackends())('feedback service on $kind', (backend) => {
  let db: Database;
  let dispose: () => Promise<void>;
  let served: ServedSubgraph;
  let service: FeedbackService;
  let publish: Awaited<ReturnType<typeof upstreamOutboxes>>;
  const clock = new ManualClock(new Date('2026-03-31T17:00:00.000Z'));

  // A 回访 agent by default: it lists the call-backs and records what the reporter said.
  const graphql = async (query: string, variables: object = {}, role = 'CALLBACK'): Promise<GraphQLAnswer> => {
    const response = await fetch(served.url, {
      method: 'POST',
      // this test stands in for the gateway, which vouches for the role with the internal secret
      headers: { 'content-type': 'application/json', ...gatewayHeaders(role) },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as GraphQLAnswer;
  };
  const EVALUATE = `mutation ($caseId: ID!, $reportId: ID, $ratings: RatingsInput!) {
    evaluateCase(caseId: $caseId, reportId: $reportId, ratings: $ratings, comment: "回访") { id round score stars satisfied reopened departmentId }
  }`;
  const PENDING = `{ pendingCallbacks { round report { id } channel contact case { id } } }`;

  beforeEach(async () => {
    ({ db, dispose } = await backend.open());
    publish = await upstreamOutboxes(db);
    service = await feedbackService().create({ db, clock, log: createLogger('feedback'), feed: (name) => outboxFeed(db, name), endpoint: () => undefined });
    served = await serveSubgraph(service, db);
  });
  afterEach(async () => {
    await served.close();
    await service.stop?.();
    await dispose();
  });

  /** C1 has R1 (hotline) and a repeat R3; C2's reporter R2 (message board) is merged into C1. */
  async function resolvedMergedCase(): Promise<void> {
    await publish('cases', 'ReportAttached', reportAttached('C1', 'R1'));
    await publish('cases', 'ReportAttached', reportAttached('C2', 'R2', { channel: 'MESSAGE_BOARD', contactMasked: null }));
    await publish('cases', 'ReportAttached', reportAttached('C1', 'R3', { outcome: 'REPEAT' }));
    await publish('cases', 'CasesMerged', { intoCaseId: 'C1', fromCaseId: 'C2', decisionId: 'M1', at: '2026-03-01T03:00:00.000Z' });
    await publish('dispatch', 'CaseClassified', classified('C1'));
    await publish('dispatch', 'AssignmentChanged', assignment('C1', 'A1', 'DISPATCHED', '2026-03-01T02:10:00.000Z'));
    await publish('dispatch', 'AssignmentChanged', assignment('C1', 'A1', 'SIGNED', '2026-03-01T02:30:00.000Z'));
    await publish('dispatch', 'AssignmentChanged', assignment('C1', 'A1', 'RESOLVED', '2026-03-01T08:00:00.000Z'));
    await service.drain();
  }

  it('owes every reporter of a resolved case a 回访, merged ones included', async () => {
    await publish('cases', 'ReportAttached', reportAttached('C1', 'R1'));
    await publish('dispatch', 'AssignmentChanged', assignment('C1', 'A1', 'SIGNED', '2026-03-01T02:30:00.000Z'));
    await service.drain();
    expect((await graphql(PENDING)).data!.pendingCallbacks).toEqual([]);

    await resolvedMergedCase();
    const pending = (await graphql(PENDING)).data!.pendingCallbacks as { report: { id: string }; channel: string; case: { id: string } }[];
    expect(pending.map((callback) => [callback.report.id, callback.channel, callback.case.id]).sort()).toEqual([
      ['R1', 'HOTLINE', 'C1'],
      ['R2', 'MESSAGE_BOARD', 'C1'],
      ['R3', 'HOTLINE', 'C1'],
    ]);
  });

  it('scores an evaluation, reopens the case when dissatisfied and keeps the old round', async () => {
    await resolvedMergedCase();
    // 0.1·5 + 0.2·4 + 0.3·3 + 0.4·2 = 3.0 → 60 → ★3; 满意度 2 is dissatisfied → 不满意重办
    const first = await graphql(EVALUATE, { caseId: 'C1', reportId: 'R2', ratings: { responsiveness: 5, cooperation: 4, completion: 3, satisfaction: 2 } });
    expect(first.errors).toBeUndefined();
    expect(first.data!.evaluateCase).toMatchObject({ round: 1, score: 60, stars: 3, satisfied: false, reopened: true, departmentId: 'D-WATER' });

    const outbox = await outboxFeed(db, 'feedback').read(0, 10);
    expect(outbox.filter((event) => event.type === 'Audited').map((event) => event.payload)).toEqual([
      expect.objectContaining({ action: 'evaluateCase', subjectType: 'Evaluation', subjectId: first.data!.evaluateCase.id, actor: 'CITIZEN' }),
    ]);
    const published = outbox.filter((event) => event.type !== 'Audited');
    expect(published.map((event) => event.type)).toEqual(['CaseEvaluated', 'CaseReopened']);
    expect(published[1]!.payload).toMatchObject({ caseId: 'C1', round: 2, evaluationId: first.data!.evaluateCase.id });
    expect(published[0]!.payload).toMatchObject({ caseId: 'C1', round: 1, raterKind: 'CITIZEN', score: 60, stars: 3, satisfied: false });

    // Round 2 is not resolved: nobody is owed a callback and nobody can evaluate yet.
    expect((await graphql(PENDING)).data!.pendingCallbacks).toEqual([]);
    const early = await graphql(EVALUATE, { caseId: 'C1', reportId: 'R1', ratings: { responsiveness: 5, cooperation: 5, completion: 5, satisfaction: 5 } });
    expect(early.errors![0]!.extensions!.code).toBe('CONFLICT');

    await publish('dispatch', 'AssignmentChanged', assignment('C1', 'A2', 'RESOLVED', '2026-03-03T08:00:00.000Z', { round: 2, departmentId: 'D-PARKS', departmentName: '区园林局' }));
    await service.drain();
    expect((await graphql(PENDING)).data!.pendingCallbacks).toHaveLength(3);

    clock.set(new Date('2026-05-10T04:00:00.000Z'));
    // 0.1·4 + 0.2·5 + 0.3·5 + 0.4·4 = 4.5 → 90 → ★5
    const second = await graphql(EVALUATE, { caseId: 'C1', reportId: 'R1', ratings: { responsiveness: 4, cooperation: 5, completion: 5, satisfaction: 4 } });
    expect(second.data!.evaluateCase).toMatchObject({ round: 2, score: 90, stars: 5, satisfied: true, reopened: false, departmentId: 'D-PARKS' });

    const history = await graphql(`{ _entities(representations: [{ __typename: "Case", id: "C1" }]) {
      ... on Case { handlingRound evaluations { round score } callbacks { round report { id } evaluation { score } } } } }`);
    const c1 = history.data!._entities[0];
    expect(c1.handlingRound).toBe(2);
    expect(c1.evaluations).toEqual([{ round: 1, score: 60 }, { round: 2, score: 90 }]);
    expect(c1.callbacks.filter((callback: any) => callback.evaluation).map((callback: any) => [callback.round, callback.report.id, callback.evaluation.score])).toEqual([
      [1, 'R2', 60],
      [2, 'R1', 90],
    ]);

    // Roll-ups in Beijing time: 2026-03-31T17:00Z is 1 April there, so April and May, one quarter.
    const ROLLUP = `query ($period: RollupPeriod!) { evaluationRollup(groupBy: DEPARTMENT, period: $period, from: "2026-01-01T00:00:00Z", to: "2027-01-01T00:00:00Z") {
      key name period evaluations averageScore satisfied satisfactionRate } }`;
    expect((await graphql(ROLLUP, { period: 'MONTH' }, 'SUPERVISOR')).data!.evaluationRollup).toEqual([
      { key: 'D-WATER', name: '区水务局', period: '2026-04', evaluations: 1, averageScore: 60, satisfied: 0, satisfactionRate: 0 },
      { key: 'D-PARKS', name: '区园林局', period: '2026-05', evaluations: 1, averageScore: 90, satisfied: 1, satisfactionRate: 1 },
    ]);
    const byStreet = await graphql(`{ evaluationRollup(groupBy: STREET, period: QUARTER, from: "2026-01-01T00:00:00Z", to: "2027-01-01T00:00:00Z") {
      key period evaluations averageScore satisfactionRate } }`, {}, 'SUPERVISOR');
    expect(byStreet.data!.evaluationRollup).toEqual([{ key: 'S01', period: '2026-Q2', evaluations: 2, averageScore: 75, satisfactionRate: 0.5 }]);
  });

  it('refuses bad ratings, unknown reporters and second answers with typed errors, storing nothing', async () => {
    await resolvedMergedCase();
    const bad = await graphql(EVALUATE, { caseId: 'C1', reportId: 'R1', ratings: { responsiveness: 0, cooperation: 3, completion: 3, satisfaction: 6 } });
    expect(bad.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'ratings.responsiveness' });
    expect(bad.errors![0]!.message).toContain('satisfaction');
    const stranger = await graphql(EVALUATE, { caseId: 'C1', reportId: 'R9', ratings: { responsiveness: 3, cooperation: 3, completion: 3, satisfaction: 3 } });
    expect(stranger.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reportId' });
    const unknown = await graphql(EVALUATE, { caseId: 'C404', ratings: { responsiveness: 3, cooperation: 3, completion: 3, satisfaction: 3 } });
    expect(unknown.errors![0]!.extensions!.code).toBe('NOT_FOUND');
    expect(await db.query(`SELECT 1 FROM feedback.evaluation`)).toHaveLength(0);
    expect(await outboxFeed(db, 'feedback').read(0, 10)).toHaveLength(0);

    const ok = await graphql(EVALUATE, { caseId: 'C1', reportId: 'R1', ratings: { responsiveness: 3, cooperation: 3, completion: 3, satisfaction: 3 } });
    expect(ok.data!.evaluateCase).toMatchObject({ score: 60, satisfied: true, reopened: false });
    const again = await graphql(EVALUATE, { caseId: 'C1', reportId: 'R1', ratings: { responsiveness: 3, cooperation: 3, completion: 3, satisfaction: 3 } });
    expect(again.errors![0]!.extensions!.code).toBe('CONFLICT');
    expect(await db.query(`SELECT 1 FROM feedback.evaluation`)).toHaveLength(1);
  });

  it('lets only the whistling street rate the department that answered (谁应评谁)', async () => {
    await resolvedMergedCase();
    const RATE = `mutation ($departmentId: ID!) { evaluateDepartment(caseId: "C1", departmentId: $departmentId,
      ratings: { responsiveness: 5, cooperation: 5, completion: 4, satisfaction: 4 }) { raterKind departmentId departmentName score stars } }`;
    expect((await graphql(RATE, { departmentId: 'D-WATER' })).errors![0]!.extensions!.code).toBe('FORBIDDEN');
    expect((await graphql(RATE, { departmentId: 'D-WATER' }, 'street:S02')).errors![0]!.extensions!.code).toBe('FORBIDDEN');
    expect((await graphql(RATE, { departmentId: 'D-WATER' }, 'mayor')).errors![0]!.extensions!.code).toBe('FORBIDDEN');
    expect((await graphql(RATE, { departmentId: 'D-OTHER' }, 'street:S01')).errors![0]!.extensions!.field).toBe('departmentId');
    // the right street claimed straight at the subgraph, without the gateway's secret, is nobody
    const claimed = await fetch(served.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-huying-role': 'street:S01' },
      body: JSON.stringify({ query: RATE, variables: { departmentId: 'D-WATER' } }),
    });
    expect(((await claimed.json()) as GraphQLAnswer).errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    // 0.1·5 + 0.2·5 + 0.3·4 + 0.4·4 = 4.3 → 86 → ★4
    const rated = await graphql(RATE, { departmentId: 'D-WATER' }, 'street:S01');
    expect(rated.data!.evaluateDepartment).toEqual({ raterKind: 'STREET', departmentId: 'D-WATER', departmentName: '区水务局', score: 86, stars: 4 });
    // a street does not evaluate the case itself
    const asStreet = await graphql(EVALUATE, { caseId: 'C1', ratings: { responsiveness: 3, cooperation: 3, completion: 3, satisfaction: 3 } }, 'street:S01');
    expect(asStreet.errors![0]!.extensions!.code).toBe('FORBIDDEN');
  });

  it('changes nothing when the upstream events are delivered again', async () => {
    await resolvedMergedCase();
    const snapshot = async () => ({
      reporters: await db.query(`SELECT report_id, case_id FROM feedback.reporter ORDER BY report_id`),
      assignments: await db.query(`SELECT assignment_id, state, round FROM feedback.assignment ORDER BY assignment_id`),
      callbacks: await db.query(`SELECT case_id, round, report_id FROM feedback.callback ORDER BY report_id`),
    });
    const before = await snapshot();
    // Rewind the checkpoints: every event is applied a second time.
    await db.query(`UPDATE feedback.event_checkpoints SET position = 0`);
    expect(await service.drain()).toBe(8);
    expect(await snapshot()).toEqual(before);
    expect(before.assignments).toEqual([{ assignment_id: 'A1', state: 'RESOLVED', round: 1 }]);
  });
});
