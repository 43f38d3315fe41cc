import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { cp, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { openDatabase, type Database, type DatabaseOptions } from './database';
import { migrateSchema, schemaMigrations, type ServiceSchema } from './migrations';
import { isFreshDataDir, pgliteTemplateDir } from './pgliteTemplate';

/**
 * The embedded database's template holds the hub's schemas already migrated, so a new data folder starts as
 * a copy that is current (each service's migrate is then one read) instead of a new `initdb` and every
 * migration (about four seconds). The stamp beside it names the migrations it holds: when a migration is
 * added or changed, the next fresh start (or `npm install`) brings the template up to date from where it was.
 */
export function templateStamp(schemas: readonly ServiceSchema[]): string {
  const hash = createHash('sha256');
  for (const schema of schemas) {
    for (const migration of schemaMigrations(schema.name, schema.migrations())) hash.update(`${schema.name}\0${migration.id}\0${migration.sql}\0`);
  }
  return hash.digest('hex');
}

const stampFile = (folder: string) => `${folder}.stamp`;

const readStamp = (folder: string): string | null => {
  try {
    return readFileSync(stampFile(folder), 'utf8').trim();
  } catch {
    return null;
  }
};

/** A second copy of the template kept ready, so a fresh start takes it by a rename instead of copying 40 MB. */
const spareOf = (template: string) => `${template}.spare`;

/**
 * Makes or refreshes the template for these schemas. Several processes at once each build their own copy
 * and the last rename wins; a process that copies the template meanwhile finds the old one, a newer one or
 * none (and then initialises its folder the slow way), never a half-made one.
 */
export async function ensurePgliteTemplate(
  schemas: readonly ServiceSchema[] = [],
  template = pgliteTemplateDir(),
): Promise<{ made: boolean; ms: number }> {
  const started = Date.now();
  const stamp = templateStamp(schemas);
  if (existsSync(template) && readStamp(template) === stamp) return { made: false, ms: 0 };
  const building = `${template}.building-${process.pid}`;
  rmSync(building, { recursive: true, force: true });
  mkdirSync(dirname(template), { recursive: true });
  // From the template there is, when there is one: its migrations stand and only the new ones run.
  if (existsSync(template)) cpSync(template, building, { recursive: true });
  const db = await openDatabase({ dataDir: building });
  try {
    for (const schema of schemas) await migrateSchema(db, schema);
  } finally {
    await db.close();
  }
  const retired = `${template}.retired-${process.pid}`;
  rmSync(spareOf(template), { recursive: true, force: true }); // a copy of the old template
  try {
    if (existsSync(template)) renameSync(template, retired);
    renameSync(building, template);
    writeFileSync(stampFile(template), `${stamp}\n`);
  } catch {
    rmSync(building, { recursive: true, force: true }); // another process's template is in place
  }
  rmSync(retired, { recursive: true, force: true });
  return { made: true, ms: Date.now() - started };
}

/**
 * Makes the spare copy of the template when there is none (`npm install`, and a while after a fresh start
 * took it). Copies off the main thread; several processes at once each copy and one wins the rename.
 */
export async function replenishSpare(template = pgliteTemplateDir()): Promise<boolean> {
  const spare = spareOf(template);
  const stamp = readStamp(template);
  if (!stamp || (existsSync(spare) && readStamp(spare) === stamp)) return false;
  const building = `${spare}.building-${process.pid}`;
  try {
    await rm(building, { recursive: true, force: true });
    await cp(template, building, { recursive: true });
    await rm(spare, { recursive: true, force: true });
    await writeFile(stampFile(spare), `${stamp}\n`);
    await rename(building, spare);
    return true;
  } catch {
    await rm(building, { recursive: true, force: true });
    return false;
  }
}

/** Moves the spare into a fresh data folder when it is current for the template; false leaves the folder alone. */
export function takeSpare(dataDir: string, template = pgliteTemplateDir()): boolean {
  const spare = spareOf(template);
  if (!existsSync(spare) || readStamp(spare) !== readStamp(template)) return false;
  try {
    mkdirSync(dirname(dataDir), { recursive: true });
    renameSync(spare, dataDir); // fails across file systems, onto a folder with something in it, or when another process took it first
    return true;
  } catch {
    return false;
  }
}

/** How long after a fresh start took the spare a new one is copied: well after the hub answers. */
const REPLENISH_AFTER_MS = 10_000;

/**
 * The hub's database: at `url` when set; else PGlite in `dataDir`, which, when it is new, starts as the
 * template for these schemas (made or brought up to date first when it is missing or behind): its spare moved
 * in when there is one, else a copy.
 */
export async function openHubDatabase(options: DatabaseOptions, schemas: readonly ServiceSchema[]): Promise<Database> {
  if (!options.url && options.dataDir && isFreshDataDir(options.dataDir)) {
    await ensurePgliteTemplate(schemas);
    if (takeSpare(options.dataDir)) setTimeout(() => void replenishSpare(), REPLENISH_AFTER_MS).unref();
  }
  return openDatabase(options);
}
