import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Router } from 'express';

const CONSOLE_DIR = join(__dirname, '..', 'console');

/** The browser modules the console imports by name (its import map), served from node_modules: no CDN, no build. */
// Resolved through each package's own exports (neither htm nor preact exports its package.json).
const besideEntry = (specifier: string, file: string) => join(dirname(require.resolve(specifier)), file);
const VENDOR: Record<string, string> = {
  'preact.js': besideEntry('preact', 'preact.module.js'),
  'preact-hooks.js': besideEntry('preact/hooks', 'hooks.module.js'),
  'htm.js': besideEntry('htm', 'htm.module.js'),
  'htm-preact.js': besideEntry('htm/preact', 'index.module.js'),
  // graphql-ws's browser build (a classic script: window.graphqlWs), for the live pages' subscriptions.
  'graphql-ws.js': join(dirname(require.resolve('graphql-ws')), '..', 'umd', 'graphql-ws.min.js'),
};

const OWN = { 'console.js': 'text/javascript; charset=utf-8', 'console.css': 'text/css; charset=utf-8' } as const;

/**
 * The command centre's console (`/console`): a page that asks the one graph (`/graphql`) with the signed-in
 * operator's token or a department's key, like any client. Preact with htm templates, loaded as modules.
 */
export function consoleRoutes(router: Router): void {
  const page = readFileSync(join(CONSOLE_DIR, 'index.html'), 'utf8');
  const own = Object.fromEntries(Object.keys(OWN).map((name) => [name, readFileSync(join(CONSOLE_DIR, name), 'utf8')]));
  const vendor = Object.fromEntries(Object.entries(VENDOR).map(([name, path]) => [name, readFileSync(path, 'utf8')]));
  router.get('/console', (_request, response) => {
    response.type('html').send(page);
  });
  router.get('/console/:file', (request, response) => {
    const file = request.params.file as string;
    if (file in OWN) response.type(OWN[file as keyof typeof OWN]).send(own[file]);
    else response.status(404).json({ error: 'no such file' });
  });
  router.get('/console/vendor/:file', (request, response) => {
    const file = request.params.file as string;
    if (file in vendor) response.type('text/javascript; charset=utf-8').set('cache-control', 'max-age=604800').send(vendor[file]);
    else response.status(404).json({ error: 'no such file' });
  });
}
