import { casesService } from '@huying/cases';
import type { IngestSummary, RunningSimulator, SourceSettings, TimeRange } from '@huying/connector-kit';
import { createLogger, httpEventFeed, ManualClock, serveSubgraph, systemClock, type Clock, type Database, type ServedSubgraph, type ServiceDeps } from '@huying/runtime';
import type { ConnectedChannel } from '@huying/schema';
import { CHANNEL_CONNECTORS } from './channelConnectors';

export interface BackfillProgress extends IngestSummary {
  /** Records read from the source so far. */
  records: number;
  /** Records the source holds in the range, when it says. */
  total: number | null;
}

export interface BackfillSummary extends BackfillProgress {
  channel: ConnectedChannel;
  /** Where the history came from. */
  sourceUrl: string;
  /** True when no source was configured and the command pulled from a simulator it started. */
  simulated: boolean;
  pages: number;
  seconds: number;
}

export interface BackfillOptions {
  channel: ConnectedChannel;
  range: TimeRange;
  /** The hub's storage (PGlite folder or PostgreSQL); the reports land in its cases schema. */
  db: Database;
  /** The legacy system; default the channel's HUYING_<CHANNEL>_URL, else a simulator started here. */
  sourceUrl?: string;
  /** Overrides of the channel's source settings (page size, rate, timeout, backoff). */
  source?: Partial<SourceSettings>;
  clock?: Clock;
  onProgress?(progress: BackfillProgress): void;
}

/**
 * Pulls a range of a channel's history through the channel's own client, mapping and intake
 * (`Puller.backfill`), into the hub's storage. Intake is the real cases subgraph, served here over
 * loopback HTTP, so a backfilled record meets the duplicate filter like a live one. The connector's
 * live checkpoint is left alone; running the same range again updates, never duplicates.
 */
export async function backfill(options: BackfillOptions): Promise<BackfillSummary> {
  const { channel, range, db } = options;
  if (!(range.from < range.to)) throw new RangeError('backfill range: from must be before to');
  const clock = options.clock ?? systemClock;
  const connector = CHANNEL_CONNECTORS[channel];
  const startedAt = performance.now();
  const opened: { close(): Promise<void> }[] = [];
  try {
    let sourceUrl = options.sourceUrl ?? connector.configuredUrl;
    let source = options.source ?? {};
    const simulated = !sourceUrl;
    if (!sourceUrl) {
      // The simulator's history runs from the range's start up to its end (or now), and stays still.
      const until = new Date(Math.min(range.to.getTime(), clock.now().getTime()));
      const simulator: RunningSimulator = await connector.startSimulator({ clock: new ManualClock(until), start: range.from });
      opened.push(simulator);
      sourceUrl = simulator.url;
      source = { ratePerSecond: 1000, pageSize: 200, ...source };
    }

    const bases: Record<string, string> = {};
    const deps: ServiceDeps = {
      db,
      clock,
      log: createLogger('backfill'),
      feed: (name) => httpEventFeed(() => bases[name]),
      endpoint: (name) => (bases[name] ? `${bases[name]}/graphql` : undefined),
    };
    const cases: ServedSubgraph = await serveSubgraph(await casesService().create(deps), db);
    opened.push(cases);
    bases.cases = cases.base;
    const service = await connector.module({ ...source, url: sourceUrl }).create(deps);
    opened.push({ close: async () => service.stop?.() });
    const puller = service.puller!;

    const progress: BackfillProgress = { records: 0, total: null, taken: 0, updated: 0, unchanged: 0, deadLettered: 0 };
    let pages = 0;
    for await (const page of puller.backfill(range)) {
      pages++;
      progress.records += page.records;
      progress.total = page.total ?? progress.total;
      progress.taken += page.taken;
      progress.updated += page.updated;
      progress.unchanged += page.unchanged;
      progress.deadLettered += page.deadLettered;
      options.onProgress?.({ ...progress });
    }
    return { ...progress, channel, sourceUrl, simulated, pages, seconds: (performance.now() - startedAt) / 1000 };
  } finally {
    for (const part of opened.reverse()) await part.close();
  }
}
