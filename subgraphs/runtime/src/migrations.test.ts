import { migrate, splitStatements, testBackends, type Database } from './index';

const migrations = [
  { id: '001_a', sql: 'CREATE TABLE svc.a (id int PRIMARY KEY);\nINSERT INTO svc.a VALUES (1);' },
  {
    id: '002_fn',
    sql: `CREATE FUNCTION svc.twice(x int) RETURNS int AS $$
  SELECT x * 2;
$$ LANGUAGE sql;`,
  },
];

describe.each(testBackends())('migrate on $kind', (backend) => {
  let db: Database;
  let dispose: () => Promise<void>;
  beforeEach(async () => ({ db, dispose } = await backend.open()));
  afterEach(() => dispose());

  it('applies each migration once, in its own schema, with the outbox and checkpoints', async () => {
    expect(await migrate(db, 'svc', migrations)).toEqual(['000_runtime_events', '001_runtime_outbox_commit_order', '001_a', '002_fn']);
    expect(await migrate(db, 'svc', migrations)).toEqual([]);
    expect(await db.query('SELECT svc.twice(21) AS v')).toEqual([{ v: 42 }]);
    expect(await db.query('SELECT id FROM svc.a')).toEqual([{ id: 1 }]);
    expect(await db.query('SELECT count(*)::int AS n FROM svc.outbox')).toEqual([{ n: 0 }]);
  });

  it('reads one list of ids when the schema is current, and applies only what is new when it is not', async () => {
    await migrate(db, 'svc', migrations);
    const statements: string[] = [];
    const counted: Database = {
      ...db,
      query: (text, params) => (statements.push(text), db.query(text, params)),
      transaction: (work) => db.transaction((tx) => work({ query: (text, params) => (statements.push(text), tx.query(text, params)) })),
    };
    expect(await migrate(counted, 'svc', migrations)).toEqual([]);
    expect(statements).toEqual(['SELECT id FROM svc.schema_migrations']);
    const later = [...migrations, { id: '003_b', sql: 'CREATE TABLE svc.b (id int);' }];
    expect(await migrate(counted, 'svc', later)).toEqual(['003_b']);
    expect(statements.some((text) => text.includes('pg_advisory_xact_lock'))).toBe(true);
  });

  it('lets several replicas start at once without applying anything twice', async () => {
    const runs = await Promise.all([migrate(db, 'svc', migrations), migrate(db, 'svc', migrations), migrate(db, 'svc', migrations)]);
    expect(runs.flat().sort()).toEqual(['000_runtime_events', '001_a', '001_runtime_outbox_commit_order', '002_fn']);
  });

  it('leaves nothing behind when a migration fails', async () => {
    await expect(migrate(db, 'svc', [...migrations, { id: '003_bad', sql: 'CREATE TABLE svc.b (id int);\nSELECT nope;' }])).rejects.toThrow();
    expect(await db.query("SELECT to_regclass('svc.a') IS NULL AS gone")).toEqual([{ gone: true }]);
  });
});

describe('splitStatements', () => {
  it('splits at line-ending semicolons, keeps dollar-quoted bodies whole and drops comment lines', () => {
    expect(splitStatements('-- note\nCREATE TABLE a (x int);\n' + migrations[1]!.sql)).toEqual([
      'CREATE TABLE a (x int);',
      migrations[1]!.sql,
    ]);
  });
});
