import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'graphql';
import type { GraphQLResolverMap } from '@apollo/subgraph';
import { callerFromHeaders, roleOf, decodeCursor, encodeCursor, gatewayHeaders, notFoundError, pageSize, userInputError, type Caller, type ServiceModule } from '@huying/runtime';
import { CONNECTORS_ACCESS } from './access';
import { batchRefusal, SHARED_SDL, sharedScalarResolvers, type Channel } from '@huying/schema';
import { kitSettings } from './config';
import type { ConnectorStateView, DeadLetterView } from './adminRoutes';

export const CONNECTORS_SDL = `${SHARED_SDL}\n${readFileSync(join(__dirname, 'connectors.graphql'), 'utf8')}`;

/** A channel connector service the `connectors` subgraph asks, by its service name in the hub. */
export interface ConnectorServiceRef {
  channel: Channel;
  service: string;
}

/** The four channels' services by their usual names (a city that names them otherwise passes its own list). */
export const STANDARD_CONNECTOR_SERVICES: readonly ConnectorServiceRef[] = [
  { channel: 'HOTLINE', service: 'hotline' },
  { channel: 'MESSAGE_BOARD', service: 'message-board' },
  { channel: 'URBAN_MANAGEMENT', service: 'urban-management' },
  { channel: 'GRID', service: 'grid' },
];

interface ConnectorsContext {
  base(channel: Channel): string | undefined;
  /** Passed on to the channel's routes, which show a raw record in clear only to ADMIN. */
  caller: Caller;
}

/**
 * The one home of the connectors' root fields. It keeps no tables: it asks each channel service over
 * HTTP (their `/connector/*` routes), so no service reads another's tables.
 */
export function connectorsService(channels: readonly ConnectorServiceRef[] = STANDARD_CONNECTOR_SERVICES): ServiceModule<ConnectorsContext> {
  return {
    name: 'connectors',
    sdl: CONNECTORS_SDL,
    async create(deps) {
      const base = (channel: Channel) => {
        const ref = channels.find((candidate) => candidate.channel === channel);
        return ref ? deps.endpoint(ref.service)?.replace(/\/graphql$/, '') : undefined;
      };
      return {
        name: 'connectors',
        typeDefs: parse(CONNECTORS_SDL),
        resolvers: connectorsResolvers(channels),
        context: (request) => ({ base, caller: callerFromHeaders(request.headers) }),
        access: CONNECTORS_ACCESS,
      };
    },
  };
}

function connectorsResolvers(channels: readonly ConnectorServiceRef[]): GraphQLResolverMap<ConnectorsContext> {
  return {
    ...sharedScalarResolvers,
    Query: {
      connectors: (_root, _args, { base, caller }) =>
        Promise.all(
          channels.map(async ({ channel }) => {
            try {
              return { ...(await call<ConnectorStateView>(caller, base(channel), '/connector/state')), reachable: true };
            } catch (error) {
              return { channel, configured: false, reachable: false, pulled: 0, failed: 0, lastError: (error as Error).message };
            }
          }),
        ),
      deadLetters: async (_root, args: { channel: Channel; first?: number | null; after?: string | null }, { base, caller }) => {
        const first = pageSize(args.first);
        const query = new URLSearchParams({ first: String(first) });
        if (args.after) {
          const [failedAt, id] = decodeCursor(args.after);
          query.set('afterFailedAt', String(failedAt));
          query.set('afterId', String(id));
        }
        const page = await call<{ totalCount: number; hasNextPage: boolean; nodes: DeadLetterView[] }>(caller, base(args.channel), `/connector/dead-letters?${query}`);
        const nodes = page.nodes.map((letter) => deadLetterNode(args.channel, letter));
        const edges = nodes.map((node, index) => ({ cursor: encodeCursor([page.nodes[index]!.failedAt, page.nodes[index]!.id]), node }));
        return { edges, nodes, totalCount: page.totalCount, pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null } };
      },
    },
    Mutation: {
      retryDeadLetter: async (_root, { id, record }: { id: string; record?: unknown }, { base, caller }) => {
        const separator = id.indexOf(':');
        const channel = id.slice(0, separator) as Channel;
        if (separator < 0 || !channels.some((ref) => ref.channel === channel)) throw userInputError('id is not a dead letter id (CHANNEL:uuid)', { field: 'id' });
        const answer = await call<{ ok: boolean; reason?: string; sourceId?: string; deadLetter: DeadLetterView } | null>(
          caller,
          base(channel),
          `/connector/dead-letters/${encodeURIComponent(id.slice(separator + 1))}/retry`,
          { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(record === undefined || record === null ? {} : { record }) },
          true,
        );
        if (!answer) throw notFoundError('DeadLetter', id);
        return {
          taken: answer.ok,
          reason: answer.reason ?? null,
          deadLetter: deadLetterNode(channel, answer.deadLetter),
          report: answer.ok ? { channel, sourceId: answer.sourceId } : null,
        };
      },
      ingestLegacyRecords: (_root, { channel, records }: { channel: Channel; records: unknown[] }, { base, caller }) => {
        // The channel's route refuses it too; here the error keeps its limit and size for the caller.
        const oversized = batchRefusal(records.length, kitSettings.maxBatch, 'records');
        if (oversized) throw userInputError(oversized.message, { limit: oversized.limit, size: oversized.size });
        return call(caller, base(channel), '/connector/ingest', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ records }) });
      },
    },
  };
}

function deadLetterNode(channel: Channel, letter: DeadLetterView) {
  return { ...letter, id: `${channel}:${letter.id}`, channel };
}

async function call<T>(caller: Caller, base: string | undefined, path: string, init: RequestInit = {}, notFoundIsNull = false): Promise<T> {
  if (!base) throw new Error('that channel connector is not running in this hub');
  const headers = { ...(init.headers as Record<string, string> | undefined), ...gatewayHeaders(roleOf(caller)) };
  const response = await fetch(`${base}${path}`, { ...init, headers, signal: AbortSignal.timeout(30_000) });
  if (notFoundIsNull && response.status === 404) return null as T;
  const body = (await response.json().catch(() => ({}))) as T & { error?: string };
  if (!response.ok) {
    if (response.status === 400) throw userInputError(body.error ?? 'bad request');
    throw new Error(`connector ${path}: HTTP ${response.status} ${body.error ?? ''}`.trim());
  }
  return body;
}
