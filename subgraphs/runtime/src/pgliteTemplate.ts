import { cpSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Where the embedded database's template is kept: beside the installed packages, keyed by PGlite's version
 * (an upgrade makes a new one). Made by `npm install` (the root package's postinstall) with the hub's schemas
 * (`embeddedTemplate.ts`); without one, a new folder is initialised the slow way.
 */
export function pgliteTemplateDir(): string {
  const entry = require.resolve('@electric-sql/pglite');
  const packageRoot = entry.slice(0, entry.lastIndexOf(join('node_modules', '@electric-sql', 'pglite')));
  const manifest = join(packageRoot, 'node_modules', '@electric-sql', 'pglite', 'package.json');
  const { version } = JSON.parse(readFileSync(manifest, 'utf8')) as { version: string };
  return join(packageRoot, 'node_modules', '.cache', 'huying', `pglite-template-${version}`);
}

/** A data folder that does not exist yet, or is empty, starts as a copy of the template (when there is one). */
export function seedFromTemplate(dataDir: string, template = pgliteTemplateDir()): boolean {
  if (!isFreshDataDir(dataDir) || !existsSync(template)) return false;
  cpSync(template, dataDir, { recursive: true });
  return true;
}

/** A folder on disk that does not exist yet or is empty: no city's data in it. */
export function isFreshDataDir(dataDir: string): boolean {
  return !dataDir.includes('://') && (!existsSync(dataDir) || readdirSync(dataDir).length === 0);
}
