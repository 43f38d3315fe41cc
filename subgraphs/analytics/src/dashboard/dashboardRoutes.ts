import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import express, { type Router } from 'express';

const ASSETS = {
  'dashboard.js': 'text/javascript; charset=utf-8',
  'dashboard.css': 'text/css; charset=utf-8',
} as const;

export interface DashboardOptions {
  /** The analytics subgraph's base URL, once it is up; CSV exports are passed through to it. */
  analyticsBase(): string | undefined;
  /** The headers with which the gateway speaks for this request's caller (its secret and the caller's role); throws for a bad token. */
  callerHeaders(request: express.Request): Record<string, string>;
}

/**
 * The command-centre dashboard for the gateway's `routes` hook: `/dashboard` (a page that queries the
 * gateway's own `/graphql`) and `/export/*.csv` passed through to the analytics subgraph, streamed.
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
