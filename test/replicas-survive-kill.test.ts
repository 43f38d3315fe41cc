import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hubServices } from '@huying/gateway';
import { createLogger, httpEventFeed, ManualClock, serveSubgraph, testBackends, type Database, type ServedSubgraph, type SubgraphService } from '@huying/runtime';
import { eventually } from './support/eventually';
import { graphql } from './support/graphql';
import { asOperator, testOperators } from './support/operators';
import { startTcpBalancer, type TcpBalancer } from './support/tcpBalancer';

const REPO = join(__dirname, '..');
const TSX = join(REPO, 'node_modules', '.bin', 'tsx');
const REPORTS = 240;
const EVERY_MS = 50;
const KILL_AT = 80;
const RESTART_AT = 160;
const OPEN_STATES = `('DISPATCHED', 'SIGNED', 'IN_PROGRESS')`;

/** A service or gateway as a deployment runs it: its own process (group), configured by the environment only. */
interface Replica {
  child: ChildProcess;
  port: Promise<number>;
  exited: Promise<void>;
}

function startReplica(script: string, env: Record<string, string>): Replica {
  const { NODE_OPTIONS: _jestOnly, JEST_WORKER_ID: _jestWorker, ...inherited } = process.env;
  const child = spawn(TSX, [script], { cwd: REPO, env: { ...inherited, LOG_LEVEL: 'info', HUYING_ENV: 'development', PORT: '0', ...env }, detached: true });
  let output = '';
  const port = new Promise<number>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const listening = /"url":"http:\/\/[^"]*?:(\d+)/.exec(output);
      if (listening) resolve(Number(listening[1]));
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', () => reject(new Error(`${script} exited before listening:\n${output.slice(-2000)}`)));
  });
  port.catch(() => undefined);
  return { child, port, exited: new Promise((resolve) => child.once('exit', () => resolve())) };
}

function signal(replica: Replica, name: NodeJS.Signals): void {
  if (replica.child.exitCode === null && replica.child.signalCode === null && replica.child.pid) process.kill(-replica.child.pid, name);
}

/** A department system's webhook endpoint: every delivery it is sent, in arrival order. */
async function webhookReceiver(): Promise<{ server: Server; url: string; received: { delivery: string; eventId: string; cursor: number; assignmentId: string }[] }> {
  const received: { delivery: string; eventId: string; cursor: number; assignmentId: string }[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      const event = JSON.parse(body) as { eventId: string; cursor: string; payload: { assignmentId: string } };
      received.push({ delivery: String(request.headers['x-huying-delivery']), eventId: event.eventId, cursor: Number(event.cursor), assignmentId: event.payload.assignmentId });
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as { port: number }).port}/hook`, received };
}

const postgres = testBackends().find((backend) => backend.kind === 'postgres');

/**
 * Issue 18's fault test: two replicas of cases, of dispatch and of the gateway on one PostgreSQL (the other
 * services once each, in this process), reports submitted at a fixed rate through both gateways by a client
 * that retries a failed call with the same record, and mid-run one replica of each killed with SIGKILL and
 * later restarted. Nothing may be lost or done twice.
 */
(postgres ? describe : describe.skip)('two replicas on PostgreSQL, one of each killed under load', () => {
  let db: Database;
  let dispose: () => Promise<void>;
  let databaseUrl: string;
  const balancers: Record<'cases' | 'dispatch', TcpBalancer> = {} as never;
  const replicas: Record<'cases' | 'dispatch' | 'gateway', Replica[]> = { cases: [], dispatch: [], gateway: [] };
  const inProcess: { service: SubgraphService<unknown>; served: ServedSubgraph }[] = [];
  const bases: Record<string, string> = {};
  let folder: string;
  let operatorsFile: string;

  const serviceEnv = () => ({ DATABASE_URL: databaseUrl, HUYING_IDLE_POLL_MS: '250', HUYING_SERVICE_URLS: Object.entries(bases).map(([name, base]) => `${name}=${base}`).join(',') });
  const startService = (name: 'cases' | 'dispatch') => startReplica(`subgraphs/${name}/src/main.ts`, serviceEnv());
  const startGateway = () => startReplica('gateway/src/gatewayMain.ts', { HOST: '127.0.0.1', HUYING_OPERATORS_FILE: operatorsFile, HUYING_SERVICE_URLS: serviceEnv().HUYING_SERVICE_URLS });
  const retarget = async (name: 'cases' | 'dispatch') => balancers[name].setTargets(await Promise.all(replicas[name].map((replica) => replica.port)));

  beforeAll(async () => {
    ({ db, dispose, url: databaseUrl } = (await postgres!.open({ poolSize: 10 })) as { db: Database; dispose: () => Promise<void>; url: string });
    folder = mkdtempSync(join(tmpdir(), 'huying-replicas-'));
    operatorsFile = join(folder, 'operators.json');
    writeFileSync(operatorsFile, JSON.stringify({ operators: testOperators() }));
    for (const name of ['cases', 'dispatch'] as const) {
      balancers[name] = await startTcpBalancer();
      bases[name] = balancers[name].base;
    }
    // The services not under test run once each, here, reaching cases and dispatch through their balancers.
    const clock = new ManualClock(new Date().toISOString());
    for (const module of hubServices().filter((candidate) => candidate.name !== 'cases' && candidate.name !== 'dispatch')) {
      const service = await module.create({ db, clock, log: createLogger(module.name), feed: (name) => httpEventFeed(() => bases[name]), endpoint: (name) => (bases[name] ? `${bases[name]}/graphql` : undefined) });
      const served = await serveSubgraph(service, db);
      inProcess.push({ service, served });
      bases[module.name] = served.base;
    }
    for (const { service } of inProcess) await service.start?.();
    // One replica first (it migrates), then the second beside it.
    for (const name of ['cases', 'dispatch'] as const) {
      replicas[name].push(startService(name));
      await replicas[name][0]!.port;
      replicas[name].push(startService(name));
      await retarget(name);
    }
    replicas.gateway.push(startGateway(), startGateway());
    await Promise.all(replicas.gateway.map((replica) => replica.port));
  }, 120_000);

  afterAll(async () => {
    for (const replica of Object.values(replicas).flat()) signal(replica, 'SIGTERM');
    await Promise.all(Object.values(replicas).flat().map((replica) => replica.exited));
    for (const { service, served } of inProcess.reverse()) {
      await service.stop?.();
      await served.close();
    }
    for (const balancer of Object.values(balancers)) await balancer?.close();
    await dispose?.();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  it('takes every report once, places every case once, and tells each department each event once, in order', async () => {
    const gatewayUrl = async (index: number) => `http://127.0.0.1:${await replicas.gateway[index % 2]!.port}/graphql`;
    const receiver = await webhookReceiver();
    try {
      const departments = (await graphql(await gatewayUrl(0), '{ departments { id } }', {}, asOperator('ADMIN'))).data!.departments as { id: string }[];
      for (const { id } of departments) {
        const registered = await graphql(await gatewayUrl(0), 'mutation ($d: ID!, $u: String!) { registerWebhook(departmentId: $d, url: $u) { webhook { id } } }', { d: id, u: receiver.url }, asOperator('ADMIN'));
        expect(registered.errors).toBeUndefined();
      }

      // The load: one report every 50 ms, alternating gateways; a failed call is sent again, with the same record, to the other.
      const problems = ['下水道堵塞，路面积水', '路灯不亮', '井盖缺失，很危险', '垃圾堆积无人清运', '施工噪音扰民'];
      let retries = 0;
      const submit = async (index: number) => {
        const report = {
          channel: index % 2 ? 'GRID' : 'HOTLINE',
          sourceId: `FAULT-${index}`,
          receivedAt: new Date().toISOString(),
          text: `江岸区第${index}号路口${problems[index % problems.length]}`,
          location: { lng: 114.25 + (index % 40) * 0.004, lat: 30.55 + Math.floor(index / 40) * 0.004 },
        };
        for (let attempt = 0; ; attempt++) {
          try {
            const answer = await graphql(await gatewayUrl(index + attempt), 'mutation ($r: [ReportInput!]!) { submitReports(reports: $r) { outcome } }', { r: [report] }, asOperator('INTAKE:test-system'));
            if (!answer.errors) return;
          } catch {
            // the gateway is down: the client tries the other one
          }
          retries += 1;
          if (attempt > 200) throw new Error(`report ${index} never went through`);
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      };
      const submissions: Promise<void>[] = [];
      const killed: Replica[] = [];
      for (let index = 0; index < REPORTS; index++) {
        if (index === KILL_AT) {
          for (const name of ['cases', 'dispatch', 'gateway'] as const) {
            killed.push(replicas[name][0]!);
            signal(replicas[name][0]!, 'SIGKILL');
          }
        }
        if (index === RESTART_AT) {
          for (const name of ['cases', 'dispatch'] as const) {
            replicas[name][0] = startService(name);
            void retarget(name);
          }
          replicas.gateway[0] = startGateway();
        }
        submissions.push(submit(index));
        await new Promise((resolve) => setTimeout(resolve, EVERY_MS));
      }
      await Promise.all(submissions);
      await Promise.all(killed.map((replica) => replica.exited));
      expect(killed.map((replica) => replica.child.signalCode)).toEqual(['SIGKILL', 'SIGKILL', 'SIGKILL']);
      for (const name of ['cases', 'dispatch', 'gateway'] as const) await replicas[name][0]!.port;

      // Every report once, every record once.
      const [reports] = await db.query<{ reports: number; records: number; wanted: number }>(
        `SELECT count(*)::int AS reports, count(DISTINCT (channel, source_id))::int AS records,
                count(*) FILTER (WHERE source_id = ANY($1))::int AS wanted FROM cases.report`,
        [Array.from({ length: REPORTS }, (_, index) => `FAULT-${index}`)],
      );
      expect(reports).toEqual({ reports: REPORTS, records: REPORTS, wanted: REPORTS });

      // Every case placed once: exactly one open assignment each.
      const placed = await eventually(async () => {
        const [row] = await db.query<{ cases: number; unplaced: number; twice: number }>(
          `SELECT count(*)::int AS cases,
                  count(*) FILTER (WHERE open = 0)::int AS unplaced,
                  count(*) FILTER (WHERE open > 1)::int AS twice
             FROM (SELECT c.id, (SELECT count(*) FROM dispatch.assignment a WHERE a.case_id = c.id AND a.state IN ${OPEN_STATES}) AS open
                     FROM cases.case c WHERE c.status <> 'MERGED') per_case`,
        );
        return row!.unplaced === 0 ? row! : undefined;
      }, 'dispatch to place every case', 60_000);
      expect(placed.twice).toBe(0);

      // Each department told each event once (one delivery id per event), and in order per assignment.
      // Every department event fanned out to its webhook (one delivery row each) and every delivery made.
      const [events] = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM dispatch.outbox WHERE type IN ('AssignmentChanged', 'SlaLightChanged') AND payload ? 'departmentId'`,
      );
      await eventually(async () => {
        const [row] = await db.query<{ rows: number; pending: number }>('SELECT count(*)::int AS rows, count(*) FILTER (WHERE delivered_at IS NULL)::int AS pending FROM dispatch.webhook_delivery');
        return row!.rows === events!.n && row!.pending === 0 ? true : undefined;
      }, 'every department event delivered', 60_000);
      const deliveriesPerEvent = new Map<string, Set<string>>();
      for (const receipt of receiver.received) deliveriesPerEvent.set(receipt.eventId, (deliveriesPerEvent.get(receipt.eventId) ?? new Set()).add(receipt.delivery));
      const eventsTwice = [...deliveriesPerEvent.values()].filter((ids) => ids.size > 1).length;
      const lastCursor = new Map<string, number>();
      let outOfOrder = 0;
      const firstArrivals = new Set<string>();
      for (const receipt of receiver.received) {
        if (firstArrivals.has(receipt.delivery)) continue;
        firstArrivals.add(receipt.delivery);
        if ((lastCursor.get(receipt.assignmentId) ?? 0) > receipt.cursor) outOfOrder += 1;
        lastCursor.set(receipt.assignmentId, receipt.cursor);
      }
      const [stored] = await db.query<{ deliveries: number }>('SELECT count(*)::int AS deliveries FROM dispatch.webhook_delivery');
      process.stderr.write(
        `replicas under SIGKILL: ${REPORTS} reports submitted (${retries} retried calls), ${reports!.reports} stored, ${reports!.records} distinct records; ` +
          `${placed.cases} cases, ${placed.unplaced} unplaced, ${placed.twice} with two open assignments; ` +
          `${stored!.deliveries} webhook deliveries stored, ${receiver.received.length} received for ${deliveriesPerEvent.size} events, ${eventsTwice} events under two delivery ids, ${outOfOrder} out of order\n`,
      );
      expect(deliveriesPerEvent.size).toBe(stored!.deliveries);
      expect(eventsTwice).toBe(0);
      expect(outOfOrder).toBe(0);
    } finally {
      await new Promise((resolve) => receiver.server.close(resolve));
    }
  }, 240_000);
});
