import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { EventConsumer, ManualClock, outboxFeed, testBackends, type Database } from '@huying/runtime';
import { advanceAssignment, planNewCase, type DispatchDeps } from './dispatcher';
import { migratedDispatch } from './testOrganisation';
import { deliverWebhooks, fanOutToWebhooks, registerWebhook, verifyWebhookSignature, webhookBackoffMs } from './webhooks';

interface Received {
  delivery: string;
  signatureOk: boolean;
  body: { type: string; cursor: string; payload: { state?: string; assignmentId: string } };
}

/** A department system's receiver: a real HTTP server that can be told to fail. */
async function receiver(secret: () => string) {
  const received: Received[] = [];
  let failing = false;
  const server: Server = createServer((request, response) => {
    let raw = '';
    request.on('data', (chunk) => (raw += chunk));
    request.on('end', () => {
      if (failing) {
        response.writeHead(503).end();
        return;
      }
      received.push({
        delivery: String(request.headers['x-huying-delivery']),
        signatureOk: verifyWebhookSignature(secret(), raw, request.headers['x-huying-signature'] as string),
        body: JSON.parse(raw),
      });
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/huying`,
    received,
    setFailing: (value: boolean) => (failing = value),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('webhook back-off', () => {
  it('doubles from the base up to the cap', () => {
    expect([1, 2, 3, 4, 10, 20].map((attempt) => webhookBackoffMs(attempt, 1000, 60_000))).toEqual([1000, 2000, 4000, 8000, 60_000, 60_000]);
  });
});

describe.each(testBackends())('webhooks on $kind', (backend) => {
  let db: Database;
  let dispose: () => Promise<void>;
  let clock: ManualClock;
  let deps: DispatchDeps;
  let fanOut: EventConsumer;
  const options = () => ({ db, clock, baseBackoffMs: 1000, maxBackoffMs: 60_000, timeoutMs: 5000 });

  beforeEach(async () => {
    ({ db, dispose } = await backend.open());
    clock = new ManualClock('2026-11-20T02:00:00Z');
    deps = await migratedDispatch(db, clock);
    fanOut = new EventConsumer({ db, schema: 'dispatch', name: 'webhooks<-dispatch', feed: outboxFeed(db, 'dispatch'), handle: (tx, event) => fanOutToWebhooks(tx, event, clock.now()) });
  });
  afterEach(() => dispose());

  async function waterCase() {
    const caseId = randomUUID();
    return (await db.transaction((tx) =>
      planNewCase(tx, deps, { caseId, title: '', text: '路口积水', categoryCode: '0204', categoryHint: null, channel: 'HOTLINE', address: null, location: null, createdAt: clock.now().toISOString() }),
    ))!;
  }

  it('POSTs each event of the department signed, with a delivery id, only to that department', async () => {
    let secret = '';
    const water = await receiver(() => secret);
    const garden = await receiver(() => 'unused');
    try {
      secret = (await registerWebhook(db, clock, 'jiangan-water', water.url)).secret;
      await registerWebhook(db, clock, 'jiangan-garden', garden.url);
      const assignment = await waterCase();
      await fanOut.drain();
      expect(await deliverWebhooks(options())).toEqual({ attempted: 1, delivered: 1 });
      expect(water.received).toEqual([
        { delivery: expect.stringMatching(/^[0-9a-f-]{36}$/), signatureOk: true, body: expect.objectContaining({ type: 'AssignmentChanged', payload: expect.objectContaining({ assignmentId: assignment.id, state: 'DISPATCHED' }) }) },
      ]);
      expect(garden.received).toEqual([]);
      expect(await deliverWebhooks(options())).toEqual({ attempted: 0, delivered: 0 });
      expect(verifyWebhookSignature('wrong-secret', JSON.stringify(water.received[0]!.body), 'sha256=00')).toBe(false);
    } finally {
      await water.close();
      await garden.close();
    }
  });

  it('retries with back-off until acknowledged, and keeps each assignment’s events in order', async () => {
    let secret = '';
    const water = await receiver(() => secret);
    try {
      secret = (await registerWebhook(db, clock, 'jiangan-water', water.url)).secret;
      water.setFailing(true);
      const first = await waterCase();
      const second = await waterCase();
      const actor = { kind: 'department' as const, department: deps.org.department('jiangan-water')! };
      await advanceAssignment(deps, first.id, 'sign', actor);
      await advanceAssignment(deps, first.id, 'progress', actor, { note: '到场' });
      await fanOut.drain();

      // only the head of each assignment's queue is tried: 2 of the 4 events
      expect(await deliverWebhooks(options())).toEqual({ attempted: 2, delivered: 0 });
      expect(await deliverWebhooks(options())).toEqual({ attempted: 0, delivered: 0 }); // backing off
      clock.advance(1000);
      expect(await deliverWebhooks(options())).toEqual({ attempted: 2, delivered: 0 });
      clock.advance(1999);
      expect(await deliverWebhooks(options())).toEqual({ attempted: 0, delivered: 0 }); // second back-off is 2 s
      water.setFailing(false);
      clock.advance(1);
      let rounds = 0;
      while ((await deliverWebhooks(options())).attempted > 0) rounds += 1;
      expect(rounds).toBe(3); // heads, then each next, then the last of the first assignment

      const states = (id: string) => water.received.filter((event) => event.body.payload.assignmentId === id).map((event) => event.body.payload.state);
      expect(states(first.id)).toEqual(['DISPATCHED', 'SIGNED', 'IN_PROGRESS']);
      expect(states(second.id)).toEqual(['DISPATCHED']);
      expect(water.received.every((event) => event.signatureOk)).toBe(true);
      const attempts = await db.query<{ attempts: number }>(`SELECT attempts FROM dispatch.webhook_delivery ORDER BY event_seq`);
      expect(attempts.map((row) => row.attempts)).toEqual([3, 3, 1, 1]);
    } finally {
      await water.close();
    }
  });
});
