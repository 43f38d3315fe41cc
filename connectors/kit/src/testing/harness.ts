import { casesService } from '@huying/cases';
import { createLogger, gatewayHeaders, httpEventFeed, serveSubgraph, type Clock, type Database, type ServedSubgraph, type ServiceDeps, type TestBackend } from '@huying/runtime';
import type { ChannelServiceModule, ChannelSubgraph } from '../channelService';

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

/** How a test's intake client speaks to the cases subgraph: as the hub's own intake system. */
export const TEST_INTAKE = { headers: () => gatewayHeaders('INTAKE:TEST') };

function depsFor(db: Database, clock: Clock, bases: Record<string, string>): ServiceDeps {
  return {
    db,
    clock,
    log: createLogger('test'),
    feed: (name) => httpEventFeed(() => bases[name]),
    endpoint: (name) => (bases[name] ? `${bases[name]}/graphql` : undefined),
  };
}

/**
 * Empties every table of the given schemas but their migration log, so one database (opened and
 * migrated once per test file) serves every test of the file as if it were new.
 */
export async function resetSchemas(db: Database, schemas: readonly string[]): Promise<void> {
  const tables = await db.query<{ name: string }>(
    `SELECT format('%I.%I', table_schema, table_name) AS name FROM information_schema.tables
     WHERE table_schema = ANY($1::text[]) AND table_type = 'BASE TABLE' AND table_name <> 'schema_migrations'`,
    [schemas],
  );
  if (tables.length > 0) await db.exec(`TRUNCATE ${tables.map((table) => table.name).join(', ')} RESTART IDENTITY CASCADE`);
}

/**
 * Starts cases + one channel connector (pointed at a simulator the test started). Given a backend it
 * opens a database of its own (closed with the harness); given an open database (shared by a test
 * file) it empties the cases and channel tables first and leaves the database open on close.
 */
export async function startConnectorHarness<Raw>(storage: TestBackend | Database, clock: Clock, module: ChannelServiceModule<Raw>): Promise<ConnectorHarness<Raw>> {
  const shared = !('open' in storage);
  const { db, dispose } = shared ? { db: storage, dispose: async () => undefined } : await storage.open();
  const bases: Record<string, string> = {};
  const deps = depsFor(db, clock, bases);
  const cases = await serveSubgraph(await casesService().create(deps), db);
  bases.cases = cases.base;
  const service = await module.create(deps);
  if (shared) await resetSchemas(db, ['cases', service.store.schema]);
  const served = await serveSubgraph(service, db);
  const ask = async <T>(query: string, variables: Record<string, unknown>): Promise<T> => {
    const response = await fetch(cases.url, { method: 'POST', headers: { 'content-type': 'application/json', ...gatewayHeaders('ADMIN') }, body: JSON.stringify({ query, variables }) });
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
