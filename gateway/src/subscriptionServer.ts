import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { buildSchema, type GraphQLFieldConfig } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { SubscriptionSource } from '@huying/runtime';
import { sharedScalarResolvers } from '@huying/schema';

export interface SubscriptionServer {
  close(): Promise<void>;
}

interface SubscriberContext {
  authorization: string | undefined;
}

/** What every source's SDL may use; queries go to the gateway's HTTP endpoint. */
const BASE_SDL = /* GraphQL */ `
  scalar DateTime
  type Query { "Queries go to the gateway's HTTP endpoint." subscriptionsOnly: Boolean }
  type Subscription
`;

/**
 * The graph's subscriptions over graphql-ws, beside the gateway on `path` of its HTTP server (WebSocket
 * upgrades on any other path are left alone): one schema from the services' sources (dispatch's assignment
 * events, analytics' alert changes), each field subscribed with the subscriber's own credential, taken from
 * the connection's `authorization` parameter or else the upgrade request's header.
 */
export function serveSubscriptions(server: Server, sources: readonly SubscriptionSource[], path = '/graphql'): SubscriptionServer {
  const schema = buildSchema([BASE_SDL, ...sources.map((source) => source.typeDefs)].join('\n'));
  Object.assign(schema.getType('DateTime')!, { serialize: sharedScalarResolvers.DateTime.serialize });
  const fields = schema.getSubscriptionType()!.getFields();
  for (const source of sources) {
    for (const [name, subscribe] of Object.entries(source.subscribe)) {
      const field = fields[name] as unknown as GraphQLFieldConfig<unknown, SubscriberContext> | undefined;
      if (!field) throw new Error(`subscription field ${name} is not in its source's SDL`);
      field.subscribe = (_root, args: Record<string, unknown>, context) => subscribe(args, context.authorization);
      field.resolve = (event: unknown) => event;
    }
  }

  const sockets = new WebSocketServer({ noServer: true });
  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (new URL(request.url ?? '/', 'http://gateway').pathname !== path) return;
    sockets.handleUpgrade(request, socket, head, (client) => sockets.emit('connection', client, request));
  };
  server.on('upgrade', onUpgrade);
  const disposable = useServer<Record<string, unknown> | undefined, { request: IncomingMessage }>(
    {
      schema,
      context: (ctx) => {
        const fromParams = ctx.connectionParams?.authorization ?? ctx.connectionParams?.Authorization;
        const authorization = typeof fromParams === 'string' ? fromParams : ctx.extra.request.headers.authorization;
        return { authorization } satisfies SubscriberContext;
      },
    },
    sockets,
  );
  return {
    async close() {
      server.off('upgrade', onUpgrade);
      await Promise.all(sources.map((source) => source.close()));
      await disposable.dispose();
      for (const client of sockets.clients) client.terminate();
      await new Promise<void>((resolve) => sockets.close(() => resolve()));
    },
  };
}
