import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { scanForAlerts } from '@huying/analytics';
import { testBackends } from '@huying/runtime';
import { eventually } from './support/eventually';
import { graphql } from './support/graphql';
import { lampBurstReports } from './support/lampBurst';
import { readModelCaughtUp } from './support/readModel';
import { startTestHub, type HubUnderTest } from './support/hub';
import { asOperator, type TestRole } from './support/operators';

const SUBSCRIBE = `subscription ($after: String) { alertChanges(after: $after) { cursor alertId detector status reports reason decidedBy decisionReason } }`;
const CATCH_UP = `query ($after: String) { alertChanges(after: $after) { nodes { cursor alertId status } endCursor hasNextPage headCursor } }`;

interface AlertChange {
  cursor: string;
  alertId: string;
  status: string;
  [field: string]: unknown;
}

/** One subscriber: every change it was sent, or the error that ended its subscription. */
class Follower {
  readonly changes: AlertChange[] = [];
  error: unknown;
  constructor(client: Client, after: string | null = null) {
    client.subscribe<{ alertChanges: AlertChange }>(
      { query: SUBSCRIBE, variables: { after } },
      {
        // A refused subscription is answered with its errors, then completed (graphql-ws sends execution errors as a result).
        next: (message) => (message.errors ? (this.error = message.errors) : message.data && this.changes.push(message.data.alertChanges)),
        error: (error) => (this.error = error),
        complete: () => undefined,
      },
    );
  }
}

describe.each(testBackends())('the command centre follows alerts live on $kind', (backend) => {
  let under: HubUnderTest;
  const clients: Client[] = [];
  beforeAll(async () => (under = await startTestHub(backend)));
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.dispose()));
    await under.stop();
  });
  const connect = (role: TestRole | null) => {
    const client = createClient({
      url: under.hub.url.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      connectionParams: role ? asOperator(role) : {},
      retryAttempts: 0,
    });
    clients.push(client);
    return client;
  };

  it('sends each alert as it is raised and as it is decided, to the command centre only, and resumes from a cursor', async () => {
    const live = new Follower(connect('COMMAND_CENTRE'));
    const refused = (['STREET:erqi', 'CITIZEN', null] as const).map((role) => new Follower(connect(role)));

    const submitted = await graphql(under.hub.url, 'mutation ($r: [ReportInput!]!) { submitReports(reports: $r) { outcome } }', { r: lampBurstReports('SUB-LAMP') }, asOperator('INTAKE:test-system'));
    expect(submitted.errors).toBeUndefined();
    await eventually(async () => readModelCaughtUp(under.db), 'analytics to hold every report and dispatch to place every case');
    const [raised] = await eventually(async () => {
      await scanForAlerts(under.db, new Date());
      return live.changes.length ? live.changes : undefined;
    }, 'the raised alert to reach the subscriber');
    expect(raised).toMatchObject({ detector: 'PLACE_PROBLEM', status: 'OPEN', reports: 8, decidedBy: null });
    expect(raised!.reason).toContain('近7天8件');

    const dismissed = await graphql(under.hub.url, 'mutation ($id: ID!) { dismissAlert(id: $id, reason: "同一盏灯，已在处理") { status } }', { id: raised!.alertId }, asOperator('COMMAND_CENTRE'));
    expect(dismissed.errors).toBeUndefined();
    const decided = await eventually(async () => live.changes.find((change) => change.status === 'DISMISSED'), 'the decision to reach the subscriber');
    expect(decided).toMatchObject({ alertId: raised!.alertId, decidedBy: 'COMMAND_CENTRE', decisionReason: '同一盏灯，已在处理' });
    expect(BigInt(decided!.cursor)).toBeGreaterThan(BigInt(raised!.cursor));

    // Scanned again with nothing new, the alert does not change, so nothing is sent.
    await scanForAlerts(under.db, new Date());
    const sent = live.changes.length;
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(live.changes).toHaveLength(sent);

    // Only the roles that may read alerts can follow them.
    for (const follower of refused) {
      await eventually(async () => follower.error !== undefined, 'the refusal');
      expect(follower.changes).toEqual([]);
    }
    const refusedCodes = refused.map((follower) => (follower.error as { extensions?: { code?: string } }[])[0]?.extensions?.code);
    expect(refusedCodes).toEqual(['FORBIDDEN', 'FORBIDDEN', 'UNAUTHENTICATED']);

    // A screen that was away resumes from the last cursor it saw: the decision comes again, nothing else.
    const resumed = new Follower(connect('SUPERVISOR'), raised!.cursor);
    const caughtUp = await eventually(async () => (resumed.changes.length ? resumed.changes : undefined), 'the resumed subscriber to catch up');
    expect(caughtUp.map((change) => [change.alertId, change.status])).toEqual([[raised!.alertId, 'DISMISSED']]);

    // The same feed as a query: everything from the start, then an empty page at the head.
    const page = (await graphql(under.hub.url, CATCH_UP, {}, asOperator('SUPERVISOR'))).data!.alertChanges;
    expect(page.nodes.map((node: AlertChange) => node.status)).toEqual(['DISMISSED']);
    expect(page.endCursor).toBe(page.headCursor);
    const atHead = (await graphql(under.hub.url, CATCH_UP, { after: page.headCursor }, asOperator('SUPERVISOR'))).data!.alertChanges;
    expect(atHead).toMatchObject({ nodes: [], endCursor: null, hasNextPage: false });
    const badCursor = await graphql(under.hub.url, CATCH_UP, { after: 'yesterday' }, asOperator('SUPERVISOR'));
    expect(badCursor.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });
});
