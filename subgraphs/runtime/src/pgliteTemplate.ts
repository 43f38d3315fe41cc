import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';

/**
 * A freshly initialised PGlite cluster kept beside the installed packages, so that a new data folder is a
 * copy of it (about a second) instead of a new `initdb` (about five). Keyed by PGlite's version: an upgrade
 * makes a new one. Made by `npm install` (the root package's postinstall); without one, a new folder is
 * initialised the slow way.
 */
export function pgliteTemplateDir(): string {
  const entry = require.resolve('@electric-sql/pglite');
  const packageRoot = entry.slice(0, entry.lastIndexOf(join('node_modules', '@electric-sql', 'pglite')));
  const manifest = join(packageRoot, 'node_modules', '@electric-sql', 'pglite', 'package.json');
  const { version } = JSON.parse(readFileSync(manifest, 'utf8')) as { version: string };
  return join(packageRoot, 'node_modules', '.cache', 'huying', `pglite-template-${version}`);
}

/** Makes the template when it is missing; several processes at once each build their own and one wins the rename. */
export async function ensurePgliteTemplate(template = pgliteTemplateDir()): Promise<{ made: boolean; ms: number }> {
  const started = Date.now();
  if (existsSync(template)) return { made: false, ms: 0 };
  const building = `${template}.building-${process.pid}`;
  rmSync(building, { recursive: true, force: true });
  mkdirSync(dirname(template), { recursive: true });
  const cluster = await PGlite.create(building);
  await cluster.close();
  try {
    renameSync(building, template);
  } catch {
    rmSync(building, { recursive: true, force: true }); // another process's template is in place
  }
  return { made: true, ms: Date.now() - started };
}

/** A data folder that does not exist yet, or is empty, starts as a copy of the template (when there is one). */
export function seedFromTemplate(dataDir: string, template = pgliteTemplateDir()): boolean {
  if (dataDir.includes('://') || !existsSync(template)) return false;
  if (existsSync(dataDir) && readdirSync(dataDir).length > 0) return false;
  cpSync(template, dataDir, { recursive: true });
  return true;
}
