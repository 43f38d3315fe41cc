import { gatewayHeaders, ManualClock, testBackends, type Clock, type Database } from '@huying/runtime';
import type { ChannelServiceModule } from '../channelService';
import { graphqlIntake, type Intake } from '../intakeClient';
import type { FeedEntry, SimulatedFeed } from '../simulation/feed';
import type { RunningSimulator } from '../simulation/server';
import { startConnectorHarness, TEST_INTAKE, type ConnectorHarness } from './harness';

/** What a channel tells the shared connector tests about itself. */
export interface ConnectorContractSpec<Raw> {
  startSimulator(clock: Clock, options: { malformedEvery: number }): Promise<RunningSimulator & { feed: SimulatedFeed }>;
  /** The channel's module pointed at `url`, with small pages and quick retries. */
  module(url: string, intake: Intake): ChannelServiceModule<Raw>;
  sourceIdOf(entry: FeedEntry): string;
  /** The dead-letter reason of a malformed record. */
  malformedReason: RegExp;
  /** What the checkpoint looks like (the pagination style). */
  checkpoint: RegExp;
  /** A field of the native type that an update changes, and its value once answered. */
  answered(native: Record<string, unknown>): boolean;
  nativeQuery: string;
  /** The source serves only each record's latest version (modified-since), not every version. */
  latestOnly?: boolean;
}

export const CONTRACT_START = '2026-11-20T00:00:00Z';

/** A way to kill a pull half-way: intake that fails after some batches, as if the process died. */
export class FlakyIntake implements Intake {
  failAfterBatches = Infinity;
  batches = 0;
  constructor(private readonly real: Intake) {}
  async submit(reports: Parameters<Intake['submit']>[0]) {
    if (this.batches++ >= this.failAfterBatches) throw new Error('process killed');
    return this.real.submit(reports);
  }
}

/**
 * The behaviour every connector must show against its simulator, over real HTTP on every test backend:
 * every sound record taken once, its pagination style, updates, dead letters, resume after a crash
 * with no gap and no duplicate, and back-off on 429/500.
 */
export function describeConnectorContract<Raw>(name: string, spec: ConnectorContractSpec<Raw>): void {
  describe.each(testBackends())(`${name} connector contract on $kind`, (backend) => {
    let clock: ManualClock;
    let simulator: RunningSimulator & { feed: SimulatedFeed };
    let harness: ConnectorHarness<Raw>;
    let intake: FlakyIntake;
    // One database per file and backend (opening and migrating is the slow part); each test empties it.
    let db: Database;
    let dispose: () => Promise<void>;

    beforeAll(async () => {
      ({ db, dispose } = await backend.open());
    });
    afterAll(() => dispose());

    beforeEach(async () => {
      clock = new ManualClock(CONTRACT_START);
      simulator = await spec.startSimulator(clock, { malformedEvery: 9 });
      clock.advance(12 * 3600_000);
      let casesUrl = '';
      intake = new FlakyIntake(graphqlIntake(() => casesUrl, TEST_INTAKE));
      harness = await startConnectorHarness(db, clock, spec.module(simulator.url, intake));
      casesUrl = harness.casesUrl;
    });

    afterEach(async () => {
      await harness.close();
      await simulator.close();
    });

    const sound = () => new Set(simulator.feed.entries().filter((entry) => !entry.malformed).map(spec.sourceIdOf));
    const malformedVersions = () =>
      spec.latestOnly ? simulator.feed.latestVersions().filter((entry) => entry.malformed).length : simulator.feed.entries().filter((entry) => entry.malformed).length;
    const puller = () => harness.service.puller!;

    it('takes every sound record exactly once, over several pages, and keeps its checkpoint', async () => {
      const summary = await puller().pullOnce();
      expect(sound().size).toBeGreaterThan(10);
      expect(await harness.reportCount()).toBe(sound().size);
      expect(summary.pages).toBeGreaterThan(2);
      const state = await harness.service.store.state(harness.db);
      expect(state.checkpoint).toMatch(spec.checkpoint);
      // Nothing new: a second pull takes nothing and leaves every revision at 1.
      const again = await puller().pullOnce();
      expect(again.taken + again.updated).toBe(0);
      expect(await harness.reportCount()).toBe(sound().size);
    });

    it('takes later records and updates of earlier ones as the source moves on', async () => {
      await puller().pullOnce();
      const firstPullAt = clock.now().getTime();
      const before = await harness.reportCount();
      clock.advance(3 * 24 * 3600_000);
      const summary = await puller().pullOnce();
      expect(await harness.reportCount()).toBe(sound().size);
      expect(await harness.reportCount()).toBeGreaterThan(before);
      expect(summary.updated).toBeGreaterThan(0);
      const updated = simulator.feed.entries().find((entry) => entry.version === 2 && !entry.malformed && entry.record.reportedAt.getTime() < firstPullAt && entry.at.getTime() > firstPullAt)!;
      const report = await harness.report(spec.sourceIdOf(updated));
      expect(report!.revision).toBe(2);
      const native = await nativeOf(harness, spec, spec.sourceIdOf(updated));
      expect(spec.answered(native)).toBe(true);
    });

    it('dead-letters a malformed record with its reason, goes on, and lists it with totalCount', async () => {
      await puller().pullOnce();
      expect(malformedVersions()).toBeGreaterThan(0);
      const page = await (await fetch(`${harness.served.base}/connector/dead-letters?first=2`, { headers: gatewayHeaders('ADMIN') })).json() as { totalCount: number; hasNextPage: boolean; nodes: { id: string; reason: string; payload: unknown; sourceId: string | null }[] };
      expect(page.totalCount).toBe(malformedVersions());
      expect(page.nodes[0]!.reason).toMatch(spec.malformedReason);
      expect(page.nodes[0]!.payload).toBeTruthy();
      expect(await harness.reportCount()).toBe(sound().size);
      const retried = await (await fetch(`${harness.served.base}/connector/dead-letters/${page.nodes[0]!.id}/retry`, { method: 'POST', headers: gatewayHeaders('ADMIN') })).json() as { ok: boolean; reason: string };
      expect(retried.ok).toBe(false);
      expect(retried.reason).toMatch(spec.malformedReason);
      // Pulled again, the same broken record is not a second dead letter.
      clock.advance(1000);
      await puller().pullOnce();
      const state = await harness.service.store.state(harness.db);
      expect(state.failed).toBe(malformedVersions());
    });

    it('resumes after a crash mid-pull with no gap and no duplicate', async () => {
      intake.failAfterBatches = 1;
      await expect(puller().pullOnce()).rejects.toThrow('process killed');
      const partial = await harness.reportCount();
      expect(partial).toBeGreaterThan(0);
      expect(partial).toBeLessThan(sound().size);
      intake.failAfterBatches = Infinity;
      await puller().pullOnce();
      expect(await harness.reportCount()).toBe(sound().size);
      const [row] = await harness.db.query<{ max: number }>('SELECT max(revision)::int AS max FROM cases.report WHERE channel = $1', [harness.service.channel]);
      // Only records the source itself updated have a second revision; none was taken twice.
      const updatedSoFar = new Set(simulator.feed.entries().filter((entry) => entry.version > 1).map(spec.sourceIdOf));
      if (updatedSoFar.size === 0) expect(row!.max).toBe(1);
      else expect(row!.max).toBeLessThanOrEqual(2);
    });

    it('backs off on 429 and 500 and still takes everything; shows lag while the source is down', async () => {
      simulator.faults.failNext(429, 2, 0);
      simulator.faults.failNext(500, 1);
      await puller().pullOnce();
      expect(simulator.faults.failures).toBe(3);
      expect(harness.service.client!.retries).toBe(3);
      expect(await harness.reportCount()).toBe(sound().size);

      simulator.faults.down(500);
      clock.advance(5 * 60_000);
      await expect(puller().pullOnce()).rejects.toThrow(/HTTP 500 after/);
      const state = await (await fetch(`${harness.served.base}/connector/state`, { headers: gatewayHeaders(undefined) })).json() as { lagSeconds: number; lastError: string };
      expect(state.lagSeconds).toBe(300);
      expect(state.lastError).toMatch(/HTTP 500/);
      simulator.faults.up();
      await puller().pullOnce();
      expect(await harness.reportCount()).toBe(sound().size);
    });
  });
}

async function nativeOf<Raw>(harness: ConnectorHarness<Raw>, spec: ConnectorContractSpec<Raw>, sourceId: string): Promise<Record<string, unknown>> {
  const response = await fetch(harness.served.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...gatewayHeaders(undefined) },
    body: JSON.stringify({
      query: `query N($representations: [_Any!]!) { _entities(representations: $representations) { ... on Report { native: ${spec.nativeQuery} } } }`,
      variables: { representations: [{ __typename: 'Report', channel: harness.service.channel, sourceId }] },
    }),
  });
  const body = (await response.json()) as { data: { _entities: { native: Record<string, unknown> }[] } };
  return body.data._entities[0]!.native;
}
