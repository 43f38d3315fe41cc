/**
 * `npm run bench:dispatch`: how long a department system waits, as JSON.
 * - latencyMs: from sending `submitReports` (through the gateway) to the department's WebSocket
 *   subscription receiving the assignment, one report at a time; median, p90, p99 and max.
 * - idleCpuPercent: the hub's CPU use while idle with one subscriber connected (what the polling costs).
 * On PGlite and, when TEST_DATABASE_URL or DATABASE_URL is set, on PostgreSQL, side by side.
 * `--cases=N` (default 300).
 */
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { startHub } from '@huying/gateway';
import { dispatchSettings } from '@huying/dispatch';
import { testBackends } from '@huying/runtime';
import { graphqlData as post, latencySummary } from './latency';

const CASES = Number(process.argv.find((arg) => arg.startsWith('--cases='))?.split('=')[1] ?? 300);
// the embedded hub's development ADMIN operator (gateway/config/operators.development.json)
const ADMIN = { 'content-type': 'application/json', authorization: 'Bearer hyop_dev_admin' };

async function measure(kind: string, open: () => Promise<{ db: any; dispose(): Promise<void> }>) {
  const { db, dispose } = await open();
  const hub = await startHub({ db });
  let client: Client | undefined;
  try {
    const key = (await post(hub.url, `mutation { issueDepartmentKey(departmentId: "jiangan-water") { key } }`, {}, ADMIN)).issueDepartmentKey.key;
    client = createClient({ url: hub.url.replace(/^http/, 'ws'), webSocketImpl: WebSocket, retryAttempts: 0, connectionParams: { authorization: `Bearer ${key}` } });
    const arrivals = new Map<string, number>();
    const waiting = new Map<string, () => void>();
    client.subscribe<{ assignmentEvents: { caseId: string; state: string } }>(
      { query: `subscription { assignmentEvents(departmentId: "jiangan-water") { caseId state } }` },
      {
        next: (message) => {
          const event = message.data?.assignmentEvents;
          if (!event || event.state !== 'DISPATCHED') return;
          arrivals.set(event.caseId, performance.now());
          waiting.get(event.caseId)?.();
        },
        error: (error) => console.error('subscription error', error),
        complete: () => undefined,
      },
    );
    await new Promise((resolve) => setTimeout(resolve, 500));

    const latencies: number[] = [];
    let missed = 0;
    const start = Date.parse('2024-01-01T00:00:00Z');
    for (let index = 0; index < CASES; index += 1) {
      // Days apart and in different wording, so the duplicate filter opens a case for each.
      const report = {
        channel: 'HOTLINE',
        sourceId: `BENCH-${kind}-${index}`,
        receivedAt: new Date(start + index * 5 * 86_400_000).toISOString(),
        text: `第${index}号雨水井堵塞，${['路面积水', '污水外溢', '排水不畅', '下水道返水'][index % 4]}，编号${index * 7919}`,
        address: `江岸区二七路${index}号`,
        categoryHint: '排水',
      };
      const sent = performance.now();
      const data = await post(hub.url, `mutation ($r: [ReportInput!]!) { submitReports(reports: $r) { case { id } } }`, { r: [report] }, ADMIN);
      const caseId = data.submitReports[0].case.id as string;
      if (!arrivals.has(caseId)) {
        const arrived = await Promise.race([
          new Promise<boolean>((resolve) => waiting.set(caseId, () => resolve(true))),
          new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 10_000)),
        ]);
        waiting.delete(caseId);
        if (!arrived) {
          missed += 1;
          if (process.env.BENCH_PROGRESS) console.error(kind, index, "missed");
          continue;
        }
      }
      latencies.push(arrivals.get(caseId)! - sent);
      if (process.env.BENCH_PROGRESS) console.error(kind, index, Math.round(latencies.at(-1)!));
    }

    const cpuBefore = process.cpuUsage();
    const wallBefore = performance.now();
    await new Promise((resolve) => setTimeout(resolve, 5000));
    const cpu = process.cpuUsage(cpuBefore);
    const idleCpuPercent = ((cpu.user + cpu.system) / 1000 / (performance.now() - wallBefore)) * 100;

    const round = (value: number) => Math.round(value * 10) / 10;
    return {
      backend: kind,
      cases: CASES,
      received: latencies.length,
      missed,
      latencyMs: latencySummary(latencies),
      idleCpuPercent: round(idleCpuPercent),
    };
  } finally {
    await client?.dispose();
    await hub.close();
    await dispose();
  }
}

async function main() {
  const results = [];
  for (const backend of testBackends()) results.push(await measure(backend.kind, () => backend.open()));
  console.log(
    JSON.stringify(
      {
        bench: 'dispatch: submitReports → subscription event',
        pollMs: { dispatchFeed: dispatchSettings.feedPollMs, subscriptionFeed: dispatchSettings.subscriptionPollMs },
        results,
        ...(results.length === 2 ? { postgresOverPglite: { median: Math.round((results[1]!.latencyMs.median / results[0]!.latencyMs.median) * 100) / 100 } } : {}),
      },
      null,
      2,
    ),
  );
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
