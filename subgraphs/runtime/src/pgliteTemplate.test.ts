import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from './database';
import { ensurePgliteTemplate, replenishSpare, takeSpare } from './embeddedTemplate';
import { migrate, type ServiceSchema } from './migrations';
import { pgliteTemplateDir, seedFromTemplate } from './pgliteTemplate';

const shop = (...extra: { id: string; sql: string }[]): ServiceSchema => ({
  name: 'shop',
  migrations: () => [{ id: '001_item', sql: 'CREATE TABLE shop.item (id int PRIMARY KEY);' }, ...extra],
});

describe("the embedded database's template", () => {
  const scratch = mkdtempSync(join(tmpdir(), 'huying-template-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));
  const template = join(scratch, 'template');

  it('is made once, beside the installed PGlite, keyed by its version, with the schemas migrated', async () => {
    expect((await ensurePgliteTemplate([shop()], template)).made).toBe(true);
    expect(readdirSync(template)).toContain('PG_VERSION');
    expect((await ensurePgliteTemplate([shop()], template)).made).toBe(false);
    expect(pgliteTemplateDir()).toMatch(/node_modules[\\/]\.cache[\\/]huying[\\/]pglite-template-\d+\.\d+\.\d+/);
    const copy = join(scratch, 'copy');
    expect(seedFromTemplate(copy, template)).toBe(true);
    const db = await openDatabase({ dataDir: copy });
    // Current: nothing to apply, and the tables are there.
    expect(await migrate(db, 'shop', shop().migrations())).toEqual([]);
    expect(await db.query('SELECT count(*)::int AS n FROM shop.item')).toEqual([{ n: 0 }]);
    await db.close();
  }, 60_000);

  it('is brought up to date from where it was when a migration is added', async () => {
    const before = readFileSync(`${template}.stamp`, 'utf8');
    const later = shop({ id: '002_price', sql: 'ALTER TABLE shop.item ADD COLUMN price int;' });
    expect((await ensurePgliteTemplate([later], template)).made).toBe(true);
    expect(readFileSync(`${template}.stamp`, 'utf8')).not.toBe(before);
    const copy = join(scratch, 'later');
    seedFromTemplate(copy, template);
    const db = await openDatabase({ dataDir: copy });
    expect(await migrate(db, 'shop', later.migrations())).toEqual([]);
    expect(await db.query('SELECT id FROM shop.schema_migrations ORDER BY id')).toEqual(
      ['000_runtime_events', '001_item', '001_runtime_outbox_commit_order', '002_price'].map((id) => ({ id })),
    );
    await db.close();
    expect(readdirSync(scratch).filter((name) => name.includes('.building-') || name.includes('.retired-'))).toEqual([]);
  }, 60_000);

  it('keeps a spare that a fresh folder takes by a rename, and never one of an older template', async () => {
    const current = shop({ id: '002_price', sql: 'ALTER TABLE shop.item ADD COLUMN price int;' });
    expect(await replenishSpare(template)).toBe(true);
    expect(await replenishSpare(template)).toBe(false); // already there
    const taken = join(scratch, 'taken');
    expect(takeSpare(taken, template)).toBe(true);
    expect(takeSpare(join(scratch, 'second'), template)).toBe(false); // one spare, one folder
    const db = await openDatabase({ dataDir: taken });
    expect(await migrate(db, 'shop', current.migrations())).toEqual([]);
    await db.close();

    expect(await replenishSpare(template)).toBe(true);
    const newer = shop({ id: '002_price', sql: 'ALTER TABLE shop.item ADD COLUMN price int;' }, { id: '003_stock', sql: 'ALTER TABLE shop.item ADD COLUMN stock int;' });
    expect((await ensurePgliteTemplate([newer], template)).made).toBe(true);
    expect(takeSpare(join(scratch, 'stale'), template)).toBe(false);
    expect(existsSync(join(scratch, 'stale'))).toBe(false);
  }, 60_000);

  it('starts a new data folder as a copy that opens and keeps data, and never touches a folder in use', async () => {
    const fresh = join(scratch, 'fresh');
    expect(seedFromTemplate(fresh, template)).toBe(true);
    const db = await openDatabase({ dataDir: fresh });
    await db.exec('CREATE TABLE kept (id int); INSERT INTO kept VALUES (7)');
    await db.close();
    const again = await openDatabase({ dataDir: fresh });
    expect(await again.query('SELECT id FROM kept')).toEqual([{ id: 7 }]);
    await again.close();
    // A folder with anything in it is the city's data: left alone.
    expect(seedFromTemplate(fresh, template)).toBe(false);
    const other = join(scratch, 'other');
    rmSync(other, { recursive: true, force: true });
    expect(seedFromTemplate('memory://', template)).toBe(false);
    expect(seedFromTemplate(other, join(scratch, 'no-template'))).toBe(false);
    expect(existsSync(other)).toBe(false);
  }, 60_000);
});
