import { casesService } from '@huying/cases';
import { createLogger, httpEventFeed, serveSubgraph, type Clock, type Database, type ServedSubgraph, type ServiceDeps, type TestBackend } from '@huying/runtime';
import type { ChannelServiceModule, ChannelSubgraph } from './channelService';

/** A channel connector wired to a real cases subgraph over HTTP, on one test database. */
export interface ConnectorHarness<Raw> {
  db: Database;
  casesUrl: string;
  service: ChannelSubgraph<Raw>;
  /** The channel subgraph itself over HTTP (its GraphQL and `/connector/*` routes). */
  served: ServedSubgraph;
  /** How many reports of this channel intake holds. */
  reportCount(): Promise<number>;
  /** Asks the cases subgraph for one report. */
  report(sourceId: string): Promise<ReportAnswer | null>;
  close(): Promise<void>;
}

export interface ReportAnswer {
  id: string;
  sourceId: string;
  receivedAt: string;
  title: string | null;
  text: string;
  address: string | null;
  location: { lng: number; lat: number } | null;
  contact: string | null;
  intakeMode: string | null;
  revision: number;
}

function depsFor(db: Database, clock: Clock, bases: Record<string, string>): ServiceDeps {
  return {
    db,
    clock,
    log: createLogger('test'),
    feed: (name) => httpEventFeed(() => bases[name]),
    endpoint: (name) => (bases[name] ? `${bases[name]}/graphql` : undefined),
  };
}

/** Starts cases + one channel connector (pointed at a simulator the test started) on `backend`. */
export async function startConnectorHarness<Raw>(backend: TestBackend, clock: Clock, module: ChannelServiceModule<Raw>): Promise<ConnectorHarness<Raw>> {
  const { db, dispose } = await backend.open();
  const bases: Record<string, string> = {};
  const deps = depsFor(db, clock, bases);
  const cases = await serveSubgraph(await casesService().create(deps), db);
  bases.cases = cases.base;
  const service = await module.create(deps);
  const served = await serveSubgraph(service, db);
  const ask = async <T>(query: string, variables: Record<string, unknown>): Promise<T> => {
    const response = await fetch(cases.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
    const body = (await response.json()) as { data: T; errors?: unknown };
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data;
  };
  return {
    db,
    casesUrl: cases.url,
    service,
    served,
    reportCount: async () => {
      const [row] = await db.query<{ count: number }>('SELECT count(*)::int AS count FROM cases.report WHERE channel = $1', [service.channel]);
      return row!.count;
    },
    report: async (sourceId) =>
      (
        await ask<{ report: ReportAnswer | null }>(
          `query R($channel: Channel!, $sourceId: String!) { report(channel: $channel, sourceId: $sourceId) {
             id sourceId receivedAt title text address location { lng lat } contact intakeMode revision } }`,
          { channel: service.channel, sourceId },
        )
      ).report,
    close: async () => {
      await service.stop?.();
      await served.close();
      await cases.close();
      await dispose();
    },
  };
}
