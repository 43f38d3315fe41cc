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

/**
 * Stops a server that keeps idle connections: no new connection is taken, an idle one is closed at once
 * and a busy one as soon as its answer is sent (kept alive, it would otherwise stay open IDLE_CONNECTION_MS
 * after the last request, and the process with it); one still busy after `graceMs` (a stream that never
 * ends, a peer that hangs) is cut.
 */
export async function closeGracefully(server: Server, graceMs: number): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  const idle = setInterval(() => server.closeIdleConnections(), 50);
  const cut = setTimeout(() => server.closeAllConnections(), graceMs);
  try {
    await closed;
  } finally {
    clearInterval(idle);
    clearTimeout(cut);
  }
}
