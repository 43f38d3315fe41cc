/**
 * `npm run bench:replicas` (PostgreSQL: TEST_DATABASE_URL or DATABASE_URL), as JSON: two hubs started as their own
 * processes (`npm start`'s compiled hub) on one database, so two replicas of every service and of the gateway,
 * measured side by side in one run:
 * - eventLatencyMs: `submitReports` through gateway A until the DISPATCHED event reaches a department's
 *   subscription on gateway A (the replica that took the report) and, for the same report, on gateway B
 *   (another replica, which learns of the event through PostgreSQL's NOTIFY or, failing that, its polling);
 *   one report at a time, `--cases=N` (default 150).
 * - intake: reports a second through `submitReports` (batches of 20 from 4 callers at once) with hub A alone,
 *   then with both hubs and the callers spread over the two gateways (`--reports=N` each, default 1,000).
 * Progress on stderr (BENCH_DEBUG=1 also names each report whose event did not reach both within 15 s).
 */
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { testBackends } from '@huying/runtime';
import { startHubProcess, type Hub } from './hubProcess';
import { graphqlData, latencySummary } from './latency';

const CASES = Number(process.argv.find((arg) => arg.startsWith('--cases='))?.split('=')[1] ?? 150);
const REPORTS = Number(process.argv.find((arg) => arg.startsWith('--reports='))?.split('=')[1] ?? 1000);
const BATCH = 20;
const CALLERS = 4;
// the embedded hub's development ADMIN operator (gateway/config/operators.development.json)
const ADMIN = { authorization: 'Bearer hyop_dev_admin' };
const progress = (message: string) => process.stderr.write(`[bench:replicas] ${message}\n`);

const SUBMIT = 'mutation ($r: [ReportInput!]!) { submitReports(reports: $r) { case { id } } }';

let serial = 0;

/** Days apart, at their own addresses and in their own words: each report opens a case of its own. */
function report(tag: string, index: number) {
  const n = ++serial;
  return {
    channel: 'HOTLINE',
    sourceId: `BENCH-${tag}-${index}`,
    receivedAt: new Date(Date.parse('2020-01-01T00:00:00Z') + n * 3 * 86_400_000).toISOString(),
    text: `第${n}号雨水井堵塞，${['路面积水', '污水外溢', '排水不畅', '下水道返水'][n % 4]}，编号${n * 7919}`,
    address: `江岸区二七路${n}号`,
    categoryHint: '排水',
  };
}

const ratio = (value: number) => Math.round(value * 100) / 100;

/** Reports a second: `CALLERS` callers at once, each sending batches in turn to the gateways given. */
async function intakeRate(urls: string[], tag: string): Promise<number> {
  const batches = Array.from({ length: Math.ceil(REPORTS / BATCH) }, (_, b) =>
    Array.from({ length: Math.min(BATCH, REPORTS - b * BATCH) }, (_, i) => report(tag, b * BATCH + i)),
  );
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CALLERS }, async (_, caller) => {
      for (let taken = next++; taken < batches.length; taken = next++) await graphqlData(urls[(caller + taken) % urls.length]!, SUBMIT, { r: batches[taken] }, ADMIN);
    }),
  );
  return Math.round((REPORTS / (performance.now() - started)) * 1000);
}

/** A department's subscription on one gateway: when each case's DISPATCHED event arrived. */
function subscribe(url: string, key: string, arrivals: Map<string, number>): Client {
  const client = createClient({ url: url.replace(/^http/, 'ws'), webSocketImpl: WebSocket, retryAttempts: 0, connectionParams: { authorization: `Bearer ${key}` } });
  client.subscribe<{ assignmentEvents: { caseId: string; state: string } }>(
    { query: 'subscription { assignmentEvents(departmentId: "jiangan-water") { caseId state } }' },
    {
      next: (message) => {
        const event = message.data?.assignmentEvents;
        if (event?.state === 'DISPATCHED' && !arrivals.has(event.caseId)) arrivals.set(event.caseId, performance.now());
      },
      error: (error) => progress(`subscription error: ${JSON.stringify(error)}`),
      complete: () => undefined,
    },
  );
  return client;
}

async function arrivedOnBoth(caseId: string, maps: Map<string, number>[], timeoutMs = 15_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!maps.every((map) => map.has(caseId))) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  return true;
}

async function main() {
  const server = testBackends().find((backend) => backend.kind === 'postgres');
  if (!server) throw new Error('bench:replicas needs PostgreSQL: set TEST_DATABASE_URL or DATABASE_URL');
  const { url: databaseUrl, dispose } = await server.open();
  const hubs: Hub[] = [];
  const clients: Client[] = [];
  try {
    hubs.push(await startHubProcess('A', databaseUrl!));
    const [a] = hubs as [Hub];
    progress(`intake through hub A alone (${REPORTS} reports)`);
    await graphqlData(a.url, SUBMIT, { r: [report('warm-a', 0)] }, ADMIN);
    const oneReplica = await intakeRate([a.url], 'one');
    hubs.push(await startHubProcess('B', databaseUrl!));
    const b = hubs[1]!;
    await graphqlData(b.url, SUBMIT, { r: [report('warm-b', 0)] }, ADMIN);
    progress(`intake through hubs A and B (${REPORTS} reports)`);
    const twoReplicas = await intakeRate([a.url, b.url], 'two');

    const key = (await graphqlData(a.url, 'mutation { issueDepartmentKey(departmentId: "jiangan-water") { key } }', {}, ADMIN)).issueDepartmentKey.key as string;
    const onA = new Map<string, number>();
    const onB = new Map<string, number>();
    clients.push(subscribe(a.url, key, onA), subscribe(b.url, key, onB));
    await new Promise((resolve) => setTimeout(resolve, 1000));
    progress(`event latency over ${CASES} reports, one at a time`);
    const same: number[] = [];
    const other: number[] = [];
    let missed = 0;
    for (let index = 0; index < CASES; index++) {
      const sent = performance.now();
      const caseId = (await graphqlData(a.url, SUBMIT, { r: [report('latency', index)] }, ADMIN)).submitReports[0].case.id as string;
      if (!(await arrivedOnBoth(caseId, [onA, onB]))) {
        if (process.env.BENCH_DEBUG) progress(`missed ${caseId}: on A ${onA.size}, on B ${onB.size}`);
        missed += 1;
        continue;
      }
      same.push(onA.get(caseId)! - sent);
      other.push(onB.get(caseId)! - sent);
      if (index % 25 === 24) progress(`${index + 1} of ${CASES}`);
    }
    const sameReplica = { received: same.length, ...latencySummary(same) };
    const otherReplica = { received: other.length, ...latencySummary(other) };
    console.log(
      JSON.stringify(
        {
          bench: 'replicas: two hubs as processes on one PostgreSQL database',
          eventLatencyMs: { sameReplica, otherReplica, missed, otherOverSame: { median: ratio(otherReplica.median / sameReplica.median), p99: ratio(otherReplica.p99 / sameReplica.p99) } },
          intake: { reports: REPORTS, batch: BATCH, callers: CALLERS, oneReplicaPerSecond: oneReplica, twoReplicasPerSecond: twoReplicas, twoOverOne: ratio(twoReplicas / oneReplica) },
        },
        null,
        2,
      ),
    );
  } finally {
    for (const client of clients) await client.dispose();
    for (const hub of hubs.reverse()) await hub.stop();
    await dispose();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
