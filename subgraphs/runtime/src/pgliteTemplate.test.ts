import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from './database';
import { ensurePgliteTemplate, pgliteTemplateDir, seedFromTemplate } from './pgliteTemplate';

describe("the embedded database's template", () => {
  const scratch = mkdtempSync(join(tmpdir(), 'huying-template-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('is made once, beside the installed PGlite, keyed by its version', async () => {
    const template = join(scratch, 'template');
    expect((await ensurePgliteTemplate(template)).made).toBe(true);
    expect(readdirSync(template)).toContain('PG_VERSION');
    expect((await ensurePgliteTemplate(template)).made).toBe(false);
    expect(pgliteTemplateDir()).toMatch(/node_modules[\\/]\.cache[\\/]huying[\\/]pglite-template-\d+\.\d+\.\d+/);
  }, 60_000);

  it('starts a new data folder as a copy that opens and keeps data, and never touches a folder in use', async () => {
    const template = join(scratch, 'template');
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
