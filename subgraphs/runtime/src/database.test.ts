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

  it('gives up waiting for a lock after lockWaitMs, and only in that transaction', async () => {
    await db.query('INSERT INTO t (id, n) VALUES (10, 0)');
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const lockTaken = new Promise<void>((resolve) => (locked = resolve));
    const holder = db.transaction(async (tx) => {
      await tx.query('SELECT id FROM t WHERE id = 10 FOR UPDATE');
      locked();
      await held;
    });
    if (backend.kind === 'postgres') {
      await lockTaken;
      const impatient = db.transaction((tx) => tx.query('UPDATE t SET n = 1 WHERE id = 10'), { lockWaitMs: 50 });
      await expect(impatient).rejects.toMatchObject({ code: '55P03' });
      // One without the option waits its turn, on the same pool, and runs once the lock is let go.
      const patient = db.transaction((tx) => tx.query('UPDATE t SET n = 2 WHERE id = 10'));
      setTimeout(release, 150);
      await Promise.all([holder, patient]);
    } else {
      // PGlite runs one transaction at a time: the option is taken, and there is never anything to wait for.
      release();
      await holder;
      await db.transaction((tx) => tx.query('UPDATE t SET n = 2 WHERE id = 10'), { lockWaitMs: 50 });
    }
    expect(await db.query('SELECT n FROM t WHERE id = 10')).toEqual([{ n: 2 }]);
  });
});
