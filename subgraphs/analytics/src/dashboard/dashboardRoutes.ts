import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import express, { type Router } from 'express';
import type { ReadModelWatch } from './readModelWatch';

const ASSETS = {
  'dashboard.js': 'text/javascript; charset=utf-8',
  'dashboard.css': 'text/css; charset=utf-8',
} as const;

export interface DashboardOptions {
  /** The analytics subgraph's base URL, once it is up; CSV exports are passed through to it. */
  analyticsBase(): string | undefined;
  /** The headers with which the gateway speaks for this request's caller (its secret and the caller's role); throws for a bad token. */
  callerHeaders(request: express.Request): Record<string, string>;
  /** Puts a question to the graph as the request's caller (the gateway's `ask`). */
  ask(operation: { query: string }, caller: { authorization?: string; requestId?: string }): Promise<{ data?: unknown; errors?: readonly { message: string; extensions?: Record<string, unknown> }[] }>;
  /** The gateway's one watch of the read model's version (`ReadModelWatch.overHttp`), shared with its answer cache. */
  watch: ReadModelWatch;
}

/** What a dashboard's stream of changes says when the caller may not follow it, by the graph's error code. */
const REFUSED: Record<string, number> = { UNAUTHENTICATED: 401, FORBIDDEN: 403 };

/**
 * The command-centre dashboard for the gateway's `routes` hook: `/dashboard` (a page that queries the
 * gateway's own `/graphql`), `/dashboard/changes` (when to ask again) and `/export/*.csv` passed through
 * to the analytics subgraph, streamed.
 */
export function dashboardRoutes(router: Router, options: DashboardOptions): void {
  const page = readFileSync(join(__dirname, 'dashboard.html'), 'utf8');
  const assets = Object.fromEntries(Object.keys(ASSETS).map((name) => [name, readFileSync(join(__dirname, name), 'utf8')]));
  // The Chinese font comes from npm and is served here: a command-centre screen may have no CJK font and no internet.
  const fontDir = dirname(require.resolve('@fontsource/noto-sans-sc/package.json'));
  router.use('/dashboard/fonts', express.static(fontDir, { index: false, maxAge: '7d', fallthrough: false }));
  router.get('/dashboard', (_request, response) => {
    response.type('html').send(page);
  });
  const { watch } = options;
  // Server-sent events: `changed` each time the read model moves, so a screen asks for its answer again only
  // then (and the cached answer serves every screen that asks at once). A caller who may not read the
  // aggregates is refused as the graph would refuse them.
  router.get('/dashboard/changes', async (request, response, next) => {
    // Listened to before anything is awaited: a screen gone while its access is checked leaves nothing behind.
    let stop = () => {};
    response.on('close', () => stop());
    try {
      const caller = { authorization: request.headers.authorization, requestId: request.header('x-request-id') };
      const answer = await options.ask({ query: '{ readModelVersion }' }, caller);
      if (response.destroyed) return;
      const refusal = answer.errors?.[0];
      if (refusal) {
        const status = REFUSED[String(refusal.extensions?.code)] ?? 503;
        const [message, code] = status === 503 ? ['the read model cannot be read now', 'SERVICE_UNAVAILABLE'] : [refusal.message, refusal.extensions?.code];
        response.status(status).json({ errors: [{ message, extensions: { code } }] });
        return;
      }
      // no-transform: the gateway's compression would hold the events back
      response.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache, no-transform' });
      // each screen is told of a change from the version it was first shown, however soon it comes
      let shown = (answer.data as { readModelVersion: string }).readModelVersion;
      response.write(`retry: 5000\nevent: version\ndata: ${shown}\n\n`);
      const unwatch = watch.watch((version) => {
        if (version === shown) return;
        shown = version;
        response.write(`event: changed\ndata: ${version}\n\n`);
      });
      // a comment now and then, so proxies keep an idle stream open
      const heartbeat = setInterval(() => response.write(': still here\n\n'), 25_000);
      stop = () => {
        unwatch();
        clearInterval(heartbeat);
      };
    } catch (error) {
      next(error);
    }
  });
  router.get('/dashboard/:asset', (request, response) => {
    const asset = request.params.asset as keyof typeof ASSETS;
    if (!(asset in ASSETS)) {
      response.status(404).end();
      return;
    }
    response.type(ASSETS[asset]).send(assets[asset]);
  });
  router.get('/export/:file', async (request, response, next) => {
    const base = options.analyticsBase();
    if (!base) {
      response.status(503).json({ error: 'the analytics service is not up' });
      return;
    }
    try {
      const query = request.originalUrl.slice(request.originalUrl.indexOf('?') >= 0 ? request.originalUrl.indexOf('?') : request.originalUrl.length);
      let headers: Record<string, string>;
      try {
        headers = options.callerHeaders(request);
      } catch (error) {
        response.status(401).json({ error: (error as Error).message });
        return;
      }
      const upstream = await fetch(`${base}/export/${encodeURIComponent(request.params.file as string)}${query}`, { headers });
      response.status(upstream.status);
      for (const header of ['content-type', 'content-disposition']) {
        const value = upstream.headers.get(header);
        if (value) response.setHeader(header, value);
      }
      if (!upstream.body) {
        response.end();
        return;
      }
      Readable.fromWeb(upstream.body as never).pipe(response);
    } catch (error) {
      next(error);
    }
  });
}
