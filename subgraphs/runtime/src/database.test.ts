import { testBackends, type Database } from './index';

describe.each(testBackends())('database on $kind', (backend) => {
  let db: Database;
  let dispose: () => Promise<void>;
  beforeAll(async () => {
    ({ db, dispose } = await backend.open());
    await db.exec('CREATE TABLE t (id int PRIMARY KEY, n bigint, at timestamptz, doc jsonb)');
  });
  afterAll(() => dispose());

  it('returns rows with bigint as a number, times as Date and jsonb as objects', async () => {
    await db.query('INSERT INTO t VALUES ($1, $2, $3, $4)', [1, 9_007_199_254, new Date('2026-01-01T00:00:00Z'), JSON.stringify({ a: '井盖' })]);
    const [row] = await db.query<{ n: number; at: Date; doc: { a: string } }>('SELECT n, at, doc FROM t WHERE id = 1');
    expect(row).toEqual({ n: 9_007_199_254, at: new Date('2026-01-01T00:00:00Z'), doc: { a: '井盖' } });
  });

  it('keeps all of a transaction or none of it', async () => {
    await expect(
      db.transaction(async (tx) => {
        await tx.query('INSERT INTO t (id) VALUES (2)');
        await tx.query('INSERT INTO t (id) VALUES (2)');
      }),
    ).rejects.toMatchObject({ code: '23505' });
    expect(await db.query('SELECT id FROM t WHERE id = 2')).toEqual([]);
    await db.transaction(async (tx) => {
      await tx.query('INSERT INTO t (id) VALUES (3)');
    });
    expect(await db.query('SELECT id FROM t WHERE id = 3')).toEqual([{ id: 3 }]);
  });
});
