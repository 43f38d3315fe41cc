import type { IncomingMessage, Server, ServerResponse } from 'node:http';

/**
 * How long a server keeps an idle connection open. Node's default, 5 s, is a second above the time
 * undici's fetch keeps a pooled connection (the server's hint less a second), so a fetch that reuses a
 * connection as the server closes it reads ECONNRESET. The services poll each other's event feeds every
 * 0.1–10 s: with 5 s that race was met whenever the event loop stalled past both timers (a cold start
 * under load). 65 s outlasts every poll and the 60 s idle time of common load balancers, so the server
 * is never the side that closes an idle connection first.
 */
export const IDLE_CONNECTION_MS = 65_000;

/** The answers each kept-alive server is giving now: those a stop finds not yet begun are told to close. */
const answersUnderWay = new WeakMap<Server, Set<ServerResponse>>();

export function keepIdleConnections(server: Server): Server {
  const underWay = new Set<ServerResponse>();
  answersUnderWay.set(server, underWay);
  server.prependListener('request', (_request, response) => {
    underWay.add(response);
    response.once('close', () => underWay.delete(response));
  });
  server.keepAliveTimeout = IDLE_CONNECTION_MS;
  // a connection's next request headers must be allowed to arrive for as long as the connection is kept
  server.headersTimeout = IDLE_CONNECTION_MS + 1_000;
  return server;
}

/**
 * Stops a server that keeps idle connections: no new connection is taken; every answer from now on, and
 * every answer under way not yet begun, says `Connection: close` (a client then sends no other request on
 * its connection, so none is lost as it closes); an idle connection is closed at once and each that falls
 * idle after (a connection whose answer began before the stop was still told keep-alive). One still busy
 * after `graceMs` (a stream that never ends, a peer that hangs) is cut.
 */
export async function closeGracefully(server: Server, graceMs: number): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  const lastAnswers = (_request: IncomingMessage, response: ServerResponse) => {
    response.shouldKeepAlive = false;
  };
  server.prependListener('request', lastAnswers);
  for (const response of answersUnderWay.get(server) ?? []) if (!response.headersSent) response.shouldKeepAlive = false;
  server.closeIdleConnections();
  const idle = setInterval(() => server.closeIdleConnections(), 50);
  const cut = setTimeout(() => server.closeAllConnections(), graceMs);
  try {
    await closed;
  } finally {
    clearInterval(idle);
    clearTimeout(cut);
    server.off('request', lastAnswers);
  }
}
