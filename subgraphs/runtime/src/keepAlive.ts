import type { Server } from 'node:http';

/**
 * How long a server keeps an idle connection open. Node's default, 5 s, is a second above the time
 * undici's fetch keeps a pooled connection (the server's hint less a second), so a fetch that reuses a
 * connection as the server closes it reads ECONNRESET. The services poll each other's event feeds every
 * 0.1–10 s: with 5 s that race was met whenever the event loop stalled past both timers (a cold start
 * under load). 65 s outlasts every poll and the 60 s idle time of common load balancers, so the server
 * is never the side that closes an idle connection first.
 */
export const IDLE_CONNECTION_MS = 65_000;

export function keepIdleConnections(server: Server): Server {
  server.keepAliveTimeout = IDLE_CONNECTION_MS;
  // a connection's next request headers must be allowed to arrive for as long as the connection is kept
  server.headersTimeout = IDLE_CONNECTION_MS + 1_000;
  return server;
}
