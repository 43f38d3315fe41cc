import { join } from 'node:path';
import { validateReport } from '@huying/schema';
import { ManualClock, migrate, migrationsFromDir, testBackends, type Database, type Sql } from '@huying/runtime';
import { CASES_SCHEMA, duplicateFilter, oneCasePerReport, takeReport } from '../src';
import { syntheticSet } from '../bench/devSets';

const N = Number(process.argv[2] ?? 10000);
const stats = new Map<string, { n: number; ms: number }>();
function wrap(sql: Sql): Sql {
  return new Proxy(sql, {
    get(target, prop) {
      if (prop === 'query') return async (text: string, params?: unknown[]) => {
        const t = process.hrtime.bigint();
        try { return await target.query(text, params); } finally {
          const key = text.replace(/\s+/g, ' ').slice(0, 60);
          const s = stats.get(key) ?? { n: 0, ms: 0 };
          s.n++; s.ms += Number(process.hrtime.bigint() - t) / 1e6; stats.set(key, s);
        }
      };
      if (prop === 'transaction') return (work: (tx: Sql) => Promise<unknown>) => target.transaction((tx) => work(wrap(tx)));
      const v = (target as any)[prop]; return typeof v === 'function' ? v.bind(target) : v;
    },
  });
}
async function main() {
  const reports = syntheticSet(N, 20261121);
  for (const [mode, matcher] of [['off', oneCasePerReport], ['on', duplicateFilter]] as const) {
    stats.clear();
    const backend = testBackends().find((b) => b.kind === 'postgres')!;
    const { db, dispose } = await backend.open({ poolSize: 4 });
    await migrate(db, CASES_SCHEMA, migrationsFromDir(join(__dirname, '..', 'migrations')));
    const deps = { db: wrap(db as unknown as Sql) as unknown as Database, clock: new ManualClock('2026-11-21T00:00:00Z'), matcher, contactKey: 'k' };
    const t = process.hrtime.bigint();
    for (const r of reports) { const v = validateReport(r.input); if (v.ok) await takeReport(deps, v.value); }
    const total = Number(process.hrtime.bigint() - t) / 1e6;
    console.log(mode, 'total ms/report', (total / N).toFixed(3));
    for (const [k, s] of [...stats].sort((a, b) => b[1].ms - a[1].ms)) console.log('  ', (s.ms / N).toFixed(3), s.n, k);
    await dispose();
  }
}
main();
