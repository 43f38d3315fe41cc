/**
 * `npm run bench:intake`: the foundation's figures, as JSON.
 * - coldStartMs: `npm start` spawned on an empty data folder until GET /health answers 200
 *   (HUYING_SIMULATORS=0, so it measures the hub itself): the median of three, each interleaved with the
 *   same hub run from its TypeScript sources by tsx (`coldStartFromSourcesMs`, how `npm start` ran before
 *   it was compiled ahead of time).
 * - submit1000Ms: one `submitReports` call of 1,000 distinct reports through the gateway (`--reports=N`
 *   above the cap, HUYING_MAX_BATCH, goes as consecutive calls of the cap, timed together).
 * Both on PGlite and, when TEST_DATABASE_URL or DATABASE_URL is set, on PostgreSQL.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { replenishSpare, testBackends } from '@huying/runtime';
import { inBatches, maxBatchSetting } from '@huying/schema';
import { startHub } from '../src/hub';

const ROOT = join(__dirname, '..', '..');
const REPORTS = Number(process.argv.find((arg) => arg.startsWith('--reports='))?.split('=')[1] ?? 1000);
// The cases service refuses a larger call whole; read the same setting it does.
const MAX_BATCH = maxBatchSetting(process.env.HUYING_MAX_BATCH);
// The embedded hub's development admin (gateway/config/operators.development.json): intake needs a credential.
const OPERATOR = { authorization: 'Bearer hyop_dev_admin' };

const COLD_START_RUNS = 3;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** Compiled (`npm start`) and from sources (tsx), interleaved, the median of each. */
async function coldStarts(databaseUrl: string | undefined): Promise<{ coldStartMs: number; coldStartFromSourcesMs: number }> {
  const compiled: number[] = [];
  const fromSources: number[] = [];
  for (let run = 0; run < COLD_START_RUNS; run++) {
    // Each start finds the template's spare ready, as after `npm install` or a hub that ran for ten seconds.
    await replenishSpare();
    compiled.push(await coldStart(databaseUrl, ['npm', 'start']));
    await replenishSpare();
    fromSources.push(await coldStart(databaseUrl, [join(ROOT, 'node_modules', '.bin', 'tsx'), 'gateway/src/main.ts']));
  }
  return { coldStartMs: median(compiled), coldStartFromSourcesMs: median(fromSources) };
}

async function coldStart(databaseUrl: string | undefined, [command, ...args]: string[]): Promise<number> {
  const dataDir = mkdtempSync(join(tmpdir(), 'huying-bench-'));
  const port = 4900 + Math.floor(Math.random() * 90);
  const started = Date.now();
  const child = spawn(command!, args, {
    cwd: ROOT,
    env: { ...process.env, HUYING_DATA: dataDir, PORT: String(port), HUYING_SIMULATORS: '0', LOG_LEVEL: 'warn', DATABASE_URL: databaseUrl ?? '' },
    stdio: 'ignore',
    detached: true,
  });
  try {
    for (;;) {
      if (Date.now() - started > 120_000) throw new Error('hub did not come up within 2 minutes');
      const ok = await fetch(`http://127.0.0.1:${port}/health`).then((r) => r.ok).catch(() => false);
      if (ok) return Date.now() - started;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } finally {
    process.kill(-child.pid!, 'SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const TEXTS = ['楼道灯坏了', '小区门口占道经营', '窨井盖缺失', '噪音扰民', '垃圾堆放无人清运', '路灯不亮', '下水道堵塞'];

async function submitBatch(url: string, count: number, prefix: string): Promise<number> {
  const reports = Array.from({ length: count }, (_, i) => ({
    channel: 'HOTLINE',
    sourceId: `${prefix}-${i}`,
    receivedAt: new Date(Date.UTC(2026, 10, 1) + i * 60_000).toISOString(),
    text: `${TEXTS[i % TEXTS.length]}，位置在江岸区某路${i}号附近，请尽快处理`,
    address: `江岸区某路${i}号`,
    location: { lng: 114.28 + (i % 100) / 1000, lat: 30.58 + Math.floor(i / 100) / 1000, crs: 'GCJ02' },
    contact: `138${String(10_000_000 + i).slice(-8)}`,
  }));
  const started = performance.now();
  for (const batch of inBatches(reports, MAX_BATCH)) {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...OPERATOR },
      body: JSON.stringify({ query: 'mutation($r: [ReportInput!]!) { submitReports(reports: $r) { outcome } }', variables: { r: batch } }),
    });
    const body = (await response.json()) as { data?: { submitReports: { outcome: string }[] }; errors?: unknown[] };
    if (body.errors || body.data?.submitReports.filter((item) => item?.outcome && item.outcome !== 'UPDATED').length !== batch.length) {
      throw new Error(`batch not taken whole: ${JSON.stringify(body.errors ?? body.data).slice(0, 500)}`);
    }
  }
  return performance.now() - started;
}

async function main() {
  const results = [];
  for (const backend of testBackends()) {
    const { db, url, dispose } = await backend.open();
    const hub = await startHub({ db });
    try {
      await submitBatch(hub.url, 10, 'warm'); // warm the query plans and the gateway's planner cache
      const submitMs = await submitBatch(hub.url, REPORTS, 'bench');
      results.push({
        storage: backend.kind,
        ...(await coldStarts(backend.kind === 'postgres' ? url : undefined)),
        reports: REPORTS,
        submitMs: Math.round(submitMs),
        reportsPerSecond: Math.round((REPORTS / submitMs) * 1000),
      });
    } finally {
      await hub.close();
      await dispose();
    }
  }
  console.log(JSON.stringify({ benchmark: 'intake', results }, null, 2));
}

void main().catch((error) => {
  console.error(error);
  process.exit(1);
});
