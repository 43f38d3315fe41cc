import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { ManualClock, testBackends } from '@huying/runtime';
import { departmentHeadCursor, graphql } from './support/graphql';
import { startTestHub, type HubUnderTest } from './support/hub';
import { asOperator } from './support/operators';
import { eventually } from './support/eventually';

const ADMIN = asOperator('ADMIN');

const SUBSCRIBE = `subscription ($departmentId: ID!, $after: String) {
  assignmentEvents(departmentId: $departmentId, after: $after) { cursor type assignmentId caseId departmentId state previousState }
}`;

interface DepartmentEvent {
  cursor: string;
  type: string;
  assignmentId: string;
  caseId: string;
  departmentId: string;
  state: string | null;
}

/** A department system's webhook receiver: a real HTTP server, which can be down (not listening) on its port. */
class Receiver {
  readonly received: { headers: IncomingHttpHeaders; raw: string }[] = [];
  private server: Server | undefined;
  port = 0;

  async up(): Promise<void> {
    this.server = createServer((request, response) => {
      let raw = '';
      request.on('data', (chunk) => (raw += chunk));
      request.on('end', () => {
        this.received.push({ headers: request.headers, raw });
        response.writeHead(200).end('ok');
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  async down(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => { server.close(() => resolve()); server.closeAllConnections(); });
  }

  get url() {
    return `http://127.0.0.1:${this.port}/hooks/huying`;
  }

  events() {
    return this.received.map((entry) => JSON.parse(entry.raw) as { cursor: string; type: string; payload: DepartmentEvent });
  }
}

/** Collects a subscription's events (or its error). */
function subscribe(client: Client, departmentId: string, after: string | null = null) {
  const events: DepartmentEvent[] = [];
  const errors: unknown[] = [];
  const unsubscribe = client.subscribe<{ assignmentEvents: DepartmentEvent }>(
    { query: SUBSCRIBE, variables: { departmentId, after } },
    {
      next: (message) => {
        if (message.data) events.push(message.data.assignmentEvents);
        if (message.errors) errors.push(...message.errors);
      },
      error: (error) => errors.push(error),
      complete: () => undefined,
    },
  );
  return { events, errors, unsubscribe };
}

describe.each(testBackends())('department systems through the gateway on $kind', (backend) => {
  let under: HubUnderTest;
  let clock: ManualClock;
  const clients: Client[] = [];
  const receivers: Receiver[] = [];

  beforeAll(async () => {
    clock = new ManualClock('2026-11-20T02:00:00Z');
    under = await startTestHub(backend, { clock });
  });
  afterAll(async () => {
    for (const client of clients) await client.dispose();
    for (const receiver of receivers) await receiver.down();
    await under.stop();
  });

  const wsClient = (key: string) => {
    const client = createClient({ url: under.hub.url.replace(/^http/, 'ws'), webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${key}` }, retryAttempts: 0 });
    clients.push(client);
    return client;
  };
  const issueKey = async (departmentId: string) => {
    const issued = await graphql(under.hub.url, `mutation ($id: ID!) { issueDepartmentKey(departmentId: $id) { key department { id name level } } }`, { id: departmentId }, ADMIN);
    expect(issued.errors).toBeUndefined();
    return issued.data!.issueDepartmentKey.key as string;
  };
  const registerWebhook = async (key: string, departmentId: string, url: string) => {
    const registered = await graphql(under.hub.url, `mutation ($d: ID!, $u: String!) { registerWebhook(departmentId: $d, url: $u) { secret webhook { id url } } }`, { d: departmentId, u: url }, { authorization: `Bearer ${key}` });
    expect(registered.errors).toBeUndefined();
    return registered.data!.registerWebhook.secret as string;
  };

  it('delivers a new assignment to its department only: WebSocket, signed webhook, catch-up, and a receiver that was down', async () => {
    const waterKey = await issueKey('jiangan-water');
    const gardenKey = await issueKey('jiangan-garden');

    const liveReceiver = new Receiver();
    const lateReceiver = new Receiver();
    receivers.push(liveReceiver, lateReceiver);
    await liveReceiver.up();
    await lateReceiver.up(); // take a port, then go down: the hub will find nobody there
    await lateReceiver.down();
    const liveSecret = await registerWebhook(waterKey, 'jiangan-water', liveReceiver.url);
    const lateSecret = await registerWebhook(waterKey, 'jiangan-water', lateReceiver.url);
    // another department may not register for water's events
    const foreign = await graphql(under.hub.url, `mutation { registerWebhook(departmentId: "jiangan-water", url: "http://127.0.0.1:1/x") { secret } }`, {}, { authorization: `Bearer ${gardenKey}` });
    expect(foreign.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const water = subscribe(wsClient(waterKey), 'jiangan-water', await departmentHeadCursor(under.hub.url, 'jiangan-water', waterKey));
    const garden = subscribe(wsClient(gardenKey), 'jiangan-garden', await departmentHeadCursor(under.hub.url, 'jiangan-garden', gardenKey));
    const snooping = subscribe(wsClient(gardenKey), 'jiangan-water');
    await eventually(() => snooping.errors.length > 0, 'the refused subscription');
    expect(JSON.stringify(snooping.errors)).toContain('FORBIDDEN');

    const submitted = await graphql(under.hub.url, `mutation ($reports: [ReportInput!]!) { submitReports(reports: $reports) { case { id } } }`, {
      reports: [{ channel: 'HOTLINE', sourceId: 'GD-E2E-0204', receivedAt: '2026-11-20T09:58:00+08:00', text: '二七路口下水道堵塞，路面大面积积水', address: '江岸区二七路', categoryHint: '排水' }],
    }, asOperator('INTAKE:test-system'));
    expect(submitted.errors).toBeUndefined();
    const caseId = submitted.data!.submitReports[0].case.id as string;

    // the water department's system gets the assignment over WebSocket
    const dispatched = await eventually(() => water.events.find((event) => event.caseId === caseId), 'the subscription event');
    expect(dispatched).toMatchObject({ type: 'AssignmentChanged', departmentId: 'jiangan-water', state: 'DISPATCHED', previousState: null });

    // ...and as a signed POST with a delivery id
    const [post] = await eventually(() => (liveReceiver.received.length ? liveReceiver.received : undefined), 'the webhook POST');
    expect(post!.headers['x-huying-signature']).toBe(`sha256=${createHmac('sha256', liveSecret).update(post!.raw).digest('hex')}`);
    expect(post!.headers['x-huying-delivery']).toMatch(/^[0-9a-f-]{36}$/);
    expect(JSON.parse(post!.raw)).toMatchObject({ type: 'AssignmentChanged', cursor: dispatched.cursor, payload: { assignmentId: dispatched.assignmentId, state: 'DISPATCHED' } });

    // the department signs for it with its own key; a stranger cannot
    const stranger = await graphql(under.hub.url, `mutation ($id: ID!) { signAssignment(id: $id) { state } }`, { id: dispatched.assignmentId }, { authorization: `Bearer ${gardenKey}` });
    expect(stranger.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const signed = await graphql(under.hub.url, `mutation ($id: ID!) { signAssignment(id: $id) { state department { name } } }`, { id: dispatched.assignmentId }, { authorization: `Bearer ${waterKey}` });
    expect(signed.data?.signAssignment).toEqual({ state: 'SIGNED', department: { name: '江岸区水务和湖泊局' } });
    // a transition the state does not allow, and bad input, are typed errors that change nothing
    const twice = await graphql(under.hub.url, `mutation ($id: ID!) { signAssignment(id: $id) { state } }`, { id: dispatched.assignmentId }, { authorization: `Bearer ${waterKey}` });
    expect(twice.errors?.[0]).toMatchObject({ message: expect.stringContaining('cannot sign (签收) an assignment that is SIGNED'), extensions: { code: 'CONFLICT' } });
    const noResult = await graphql(under.hub.url, `mutation ($id: ID!) { resolveAssignment(id: $id, result: "") { state } }`, { id: dispatched.assignmentId }, { authorization: `Bearer ${waterKey}` });
    expect(noResult.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'result' });
    const badKey = await graphql(under.hub.url, `mutation ($id: ID!) { signAssignment(id: $id) { state } }`, { id: dispatched.assignmentId }, { authorization: 'Bearer not-a-key' });
    expect(badKey.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    await eventually(() => water.events.some((event) => event.state === 'SIGNED'), 'the SIGNED event');
    await eventually(() => liveReceiver.received.length >= 2, 'the second POST');

    // the case in the one graph: cases' status follows dispatch; dispatch's fields on the same entity
    const read = await eventually(async () => {
      const result = await graphql(under.hub.url, `query ($id: ID!) { case(id: $id) { status level whistle dueAt slaLight currentAssignment { state department { id } transitions { to by } } } }`, { id: caseId }, ADMIN);
      return result.data?.case?.status === 'IN_PROGRESS' ? result.data.case : undefined;
    }, 'the case status');
    expect(read).toMatchObject({ level: 'C', whistle: 'QUICK', dueAt: '2026-11-21T01:58:00.000Z', slaLight: 'GREEN', currentAssignment: { state: 'SIGNED', department: { id: 'jiangan-water' } } });
    expect(read.currentAssignment.transitions).toEqual([{ to: 'DISPATCHED', by: 'system' }, { to: 'SIGNED', by: 'department:jiangan-water' }]);

    // a department sees only its own: garden got nothing, and cannot read water's assignment
    expect(garden.events).toEqual([]);
    const peek = await graphql(under.hub.url, `query ($id: ID!) { assignment(id: $id) { id } }`, { id: dispatched.assignmentId }, { authorization: `Bearer ${gardenKey}` });
    expect(peek.data?.assignment).toBeNull();

    // catch-up for a system that was offline
    const caughtUp = await graphql(under.hub.url, `query { assignmentEvents(departmentId: "jiangan-water") { nodes { cursor state } pageInfo { endCursor } } }`, {}, { authorization: `Bearer ${waterKey}` });
    expect(caughtUp.data!.assignmentEvents.nodes.map((node: { state: string }) => node.state)).toEqual(['DISPATCHED', 'SIGNED']);
    // ...or as a subscription that starts from a cursor: what was missed first, then what comes
    const resumed = subscribe(wsClient(waterKey), 'jiangan-water', '0');
    await eventually(() => resumed.events.length >= 2, 'the resumed subscription');
    expect(resumed.events.map((event) => event.state)).toEqual(['DISPATCHED', 'SIGNED']);
    const anonymous = await graphql(under.hub.url, `query { assignmentEvents(departmentId: "jiangan-water") { nodes { cursor } } }`);
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');

    // the receiver that was down was tried and failed...
    await eventually(async () => {
      const [row] = await under.db.query<{ failed: number }>(
        `SELECT count(*)::int AS failed FROM dispatch.webhook_delivery d JOIN dispatch.webhook w ON w.id = d.webhook_id
          WHERE w.url = $1 AND d.attempts > 0 AND d.delivered_at IS NULL AND d.last_error LIKE 'receiver unreachable%'`,
        [lateReceiver.url],
      );
      return row!.failed > 0;
    }, 'a failed attempt at the receiver that is down');
    expect(lateReceiver.received).toEqual([]);
    // ...comes back, and with time moving on (back-off) it gets every event, in order
    await lateReceiver.up();
    await eventually(async () => {
      clock.advance(60_000);
      return lateReceiver.received.length >= 2;
    }, 'the late receiver');
    const late = lateReceiver.events();
    expect(late.map((event) => event.payload.state)).toEqual(['DISPATCHED', 'SIGNED']);
    for (const entry of lateReceiver.received) {
      expect(entry.headers['x-huying-signature']).toBe(`sha256=${createHmac('sha256', lateSecret).update(entry.raw).digest('hex')}`);
    }
    expect(garden.events).toEqual([]);
  });
});
