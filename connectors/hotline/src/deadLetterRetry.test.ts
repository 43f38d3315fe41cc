import { connectorsService, graphqlIntake } from '@huying/connector-kit';
import { startConnectorHarness, type ConnectorHarness, TEST_INTAKE } from '@huying/connector-kit/testing';
import { createLogger, gatewayHeaders, httpEventFeed, ManualClock, serveSubgraph, testBackends, type Database, type ServedSubgraph } from '@huying/runtime';
import { hotlineService } from './service';
import { startHotlineSimulator } from './simulator';
import type { LegacyTicket } from './legacyTicket';

const quick = { pageSize: 10, ratePerSecond: 1000, backoff: { baseDelayMs: 5, maxDelayMs: 20, maxAttempts: 4 } };

interface DeadLetterPage {
  totalCount: number;
  nodes: { id: string; sourceId: string | null; payload: LegacyTicket; reason: string; attempts: number }[];
}

describe.each(testBackends())('a hotline dead letter retried after a fix on $kind', (backend) => {
  let db: Database;
  let dispose: () => Promise<void>;
  beforeAll(async () => {
    ({ db, dispose } = await backend.open());
  });
  afterAll(() => dispose());

  it('is taken once the record is corrected, and leaves deadLetters', async () => {
    const clock = new ManualClock('2026-11-20T00:00:00Z');
    const simulator = await startHotlineSimulator({ clock, seed: 5, malformedEvery: 4, meanIssueGapMs: 30 * 60_000 });
    clock.advance(6 * 3600_000);
    let casesUrl = '';
    const harness: ConnectorHarness<LegacyTicket> = await startConnectorHarness(db, clock, hotlineService({ source: { ...quick, url: simulator.url }, intake: graphqlIntake(() => casesUrl, TEST_INTAKE) }));
    casesUrl = harness.casesUrl;
    // The graph's side: the connectors subgraph, asking the hotline service over HTTP.
    const bases: Record<string, string> = { hotline: harness.served.base };
    const connectors: ServedSubgraph = await serveSubgraph(
      await connectorsService([{ channel: 'HOTLINE', service: 'hotline' }]).create({
        db,
        clock,
        log: createLogger('test'),
        feed: (name) => httpEventFeed(() => bases[name]),
        endpoint: (name) => (bases[name] ? `${bases[name]}/graphql` : undefined),
      }),
      db,
    );
    const graph = async <T>(query: string, variables: Record<string, unknown> = {}) =>
      (await (await fetch(connectors.url, { method: 'POST', headers: { 'content-type': 'application/json', ...gatewayHeaders('ADMIN') }, body: JSON.stringify({ query, variables }) })).json()) as {
        data: T;
        errors?: { message: string; extensions?: { code?: string } }[];
      };
    const deadLetters = async () =>
      (await graph<{ deadLetters: DeadLetterPage }>(`{ deadLetters(channel: HOTLINE, first: 50) { totalCount nodes { id sourceId payload reason attempts } } }`)).data.deadLetters;
    const retry = `mutation R($id: ID!, $record: JSON) { retryDeadLetter(id: $id, record: $record) { taken reason deadLetter { id attempts resolvedAt } report { channel sourceId } } }`;

    try {
      await harness.service.puller!.pullOnce();
      const before = await deadLetters();
      expect(before.totalCount).toBeGreaterThan(1);
      const letter = before.nodes.at(-1)!;
      expect(letter.reason).toMatch(/ldsj \(call time\) "2026\/13\/45 25:61:00" is not a valid local time/);
      expect(await harness.report(letter.sourceId!)).toBeNull();

      // Retried as it is, it fails again with the same reason and stays listed.
      const unfixed = await graph<{ retryDeadLetter: { taken: boolean; reason: string } }>(retry, { id: letter.id });
      expect(unfixed.data.retryDeadLetter).toMatchObject({ taken: false, reason: letter.reason });
      expect((await deadLetters()).totalCount).toBe(before.totalCount);

      // The city corrects the call time (the agent's log says 09:15) and retries with the corrected record.
      const corrected: LegacyTicket = { ...letter.payload, ldsj: '2026/11/20 09:15:00' };
      const fixed = await graph<{ retryDeadLetter: { taken: boolean; reason: string | null; deadLetter: { attempts: number; resolvedAt: string | null }; report: { channel: string; sourceId: string } } }>(retry, {
        id: letter.id,
        record: corrected,
      });
      expect(fixed.errors).toBeUndefined();
      expect(fixed.data.retryDeadLetter).toMatchObject({ taken: true, reason: null, report: { channel: 'HOTLINE', sourceId: letter.sourceId } });
      expect(fixed.data.retryDeadLetter.deadLetter.resolvedAt).not.toBeNull();
      expect(fixed.data.retryDeadLetter.deadLetter.attempts).toBe(letter.attempts + 2);

      const report = await harness.report(letter.sourceId!);
      expect(report).toMatchObject({ sourceId: letter.sourceId, text: corrected.sqnr, receivedAt: '2026-11-20T01:15:00.000Z' });
      const after = await deadLetters();
      expect(after.totalCount).toBe(before.totalCount - 1);
      expect(after.nodes.map((node) => node.id)).not.toContain(letter.id);

      // A taken dead letter is gone: retrying it again is a typed not-found.
      const again = await graph(retry, { id: letter.id, record: corrected });
      expect(again.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    } finally {
      await connectors.close();
      await harness.close();
      await simulator.close();
    }
  });
});
