import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningLegacySystem } from '@huying/connector-kit';
import { startGridSimulator } from '@huying/connector-grid';
import { startHotlineSimulator } from '@huying/connector-hotline';
import { startMessageBoardSimulator } from '@huying/connector-message-board';
import { startUrbanManagementSimulator } from '@huying/connector-urban-management';
import { hubServices } from '@huying/gateway';
import { systemClock, testBackends, type Database } from '@huying/runtime';
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

/** Where each service's own process starts (its `runStandalone`). */
const MAIN: Record<string, string> = {
  cases: 'subgraphs/cases/src/main.ts',
  dispatch: 'subgraphs/dispatch/src/main.ts',
  feedback: 'subgraphs/feedback/src/main.ts',
  analytics: 'subgraphs/analytics/src/main.ts',
  hotline: 'connectors/hotline/src/main.ts',
  'message-board': 'connectors/message-board/src/main.ts',
  'urban-management': 'connectors/urban-management/src/main.ts',
  grid: 'connectors/grid/src/main.ts',
  connectors: 'connectors/kit/src/main.ts',
};

/** The four legacy systems, each pulled by both replicas of its connector: the setting's prefix, its schema, its simulator. */
const LEGACY_SYSTEMS = [
  { service: 'hotline', channel: 'HOTLINE', prefix: 'HUYING_HOTLINE', schema: 'hotline', start: startHotlineSimulator },
  { service: 'message-board', channel: 'MESSAGE_BOARD', prefix: 'HUYING_MESSAGE_BOARD', schema: 'message_board', start: startMessageBoardSimulator },
  { service: 'urban-management', channel: 'URBAN_MANAGEMENT', prefix: 'HUYING_URBAN_MANAGEMENT', schema: 'urban_management', start: startUrbanManagementSimulator },
  { service: 'grid', channel: 'GRID', prefix: 'HUYING_GRID', schema: 'grid', start: startGridSimulator },
] as const;
/** Three hours of the simulated city's history (a backlog with deadlines already near), then an issue a minute. */
const HISTORY_MS = 3 * 3600_000;
const ISSUE_GAP_MS = 60_000;

/**
 * Issue 18's fault test: two replicas of every service and of the gateway on one PostgreSQL, each its own
 * process behind a balancer; the four simulated legacy systems pulled by both replicas of their connectors;
 * reports submitted at a fixed rate through both gateways by a client that retries a failed call with the
 * same record; mid-run one replica of cases, of dispatch and of the gateway killed with SIGKILL and later
 * restarted. Nothing may be lost or done twice.
 */
(postgres ? describe : describe.skip)('two replicas of everything on PostgreSQL, one of each killed under load', () => {
  let db: Database;
  let dispose: () => Promise<void>;
  let databaseUrl: string;
  const names = hubServices().map((module) => module.name);
  const balancers: Record<string, TcpBalancer> = {};
  const replicas: Record<string, Replica[]> = { gateway: [] };
  const simulators: Record<string, RunningLegacySystem> = {};
  const bases: Record<string, string> = {};
  let folder: string;
  let operatorsFile: string;

  const serviceUrls = () => Object.entries(bases).map(([name, base]) => `${name}=${base}`).join(',');
  const startService = (name: string) => {
    const legacy = LEGACY_SYSTEMS.find((system) => system.service === name);
    const source = legacy ? { [`${legacy.prefix}_URL`]: simulators[name]!.url, [`${legacy.prefix}_SCHEDULE`]: '*/2 * * * * *' } : {};
    return startReplica(MAIN[name]!, { DATABASE_URL: databaseUrl, HUYING_IDLE_POLL_MS: '250', HUYING_SERVICE_URLS: serviceUrls(), HUYING_SUPERVISION_CRON: '*/5 * * * * *', ...source });
  };
  const startGateway = () => startReplica('gateway/src/gatewayMain.ts', { HOST: '127.0.0.1', HUYING_OPERATORS_FILE: operatorsFile, HUYING_SERVICE_URLS: serviceUrls() });
  const retarget = async (name: string) => balancers[name]!.setTargets(await Promise.all(replicas[name]!.map((replica) => replica.port)));

  beforeAll(async () => {
    ({ db, dispose, url: databaseUrl } = (await postgres!.open({ poolSize: 10 })) as { db: Database; dispose: () => Promise<void>; url: string });
    folder = mkdtempSync(join(tmpdir(), 'huying-replicas-'));
    operatorsFile = join(folder, 'operators.json');
    writeFileSync(operatorsFile, JSON.stringify({ operators: testOperators() }));
    for (const system of LEGACY_SYSTEMS) {
      const start = new Date(Date.now() - HISTORY_MS);
      simulators[system.service] = await system.start({ clock: systemClock, seed: 20_261_206, start, meanIssueGapMs: ISSUE_GAP_MS, faults: { every429: 13, every500: 19, retryAfterSeconds: 1 } });
    }
    for (const name of names) {
      balancers[name] = await startTcpBalancer();
      bases[name] = balancers[name].base;
    }
    // One replica of each first, in start order (each migrates its schema), then every second one beside it.
    for (const name of names) {
      replicas[name] = [startService(name)];
      await replicas[name][0]!.port;
      await retarget(name);
    }
    for (const name of names) replicas[name]!.push(startService(name));
    await Promise.all(names.map(retarget));
    replicas.gateway!.push(startGateway(), startGateway());
    await Promise.all(replicas.gateway!.map((replica) => replica.port));
  }, 300_000);

  afterAll(async () => {
    // As a deployment stops: the gateways first, then each service after those that call it (start order reversed).
    // A graceful stop finishes the request and the batch in hand: a replica still running after that has hung.
    const stopAll = async () => {
      for (const name of ['gateway', ...[...names].reverse()]) {
        for (const replica of replicas[name] ?? []) signal(replica, 'SIGTERM');
        await Promise.all((replicas[name] ?? []).map((replica) => replica.exited));
      }
      return true;
    };
    const stopped = await Promise.race([stopAll(), new Promise<false>((resolve) => setTimeout(() => resolve(false), 45_000))]);
    const hung = Object.entries(replicas).flatMap(([name, list]) => list.filter((replica) => replica.child.exitCode === null && replica.child.signalCode === null).map(() => name));
    for (const replica of Object.values(replicas).flat()) signal(replica, 'SIGKILL');
    await Promise.all(Object.values(replicas).flat().map((replica) => replica.exited));
    for (const simulator of Object.values(simulators)) await simulator.close();
    for (const balancer of Object.values(balancers)) await balancer.close();
    await dispose?.();
    if (folder) rmSync(folder, { recursive: true, force: true });
    expect({ stopped, hung }).toEqual({ stopped: true, hung: [] });
  }, 120_000);

  it('takes every report once, places every case once, and tells each department each event once, in order', async () => {
    const gatewayUrl = async (index: number) => `http://127.0.0.1:${await replicas.gateway![index % 2]!.port}/graphql`;
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
            killed.push(replicas[name]![0]!);
            signal(replicas[name]![0]!, 'SIGKILL');
          }
        }
        if (index === RESTART_AT) {
          for (const name of ['cases', 'dispatch'] as const) {
            replicas[name]![0] = startService(name);
            void retarget(name);
          }
          replicas.gateway![0] = startGateway();
        }
        submissions.push(submit(index));
        await new Promise((resolve) => setTimeout(resolve, EVERY_MS));
      }
      await Promise.all(submissions);
      await Promise.all(killed.map((replica) => replica.exited));
      expect(killed.map((replica) => replica.child.signalCode)).toEqual(['SIGKILL', 'SIGKILL', 'SIGKILL']);
      for (const name of ['cases', 'dispatch', 'gateway'] as const) await replicas[name]![0]!.port;

      // Every record each connector took from its legacy system handed to intake (both replicas pulled it).
      const pulled: Record<string, number> = {};
      for (const system of LEGACY_SYSTEMS) {
        const handed = await eventually(async () => {
          const [row] = await db.query<{ records: number; pending: number; missing: number }>(
            `SELECT count(*)::int AS records,
                    count(*) FILTER (WHERE r.delivered_hash IS DISTINCT FROM r.content_hash)::int AS pending,
                    count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM cases.report p WHERE p.channel = $1 AND p.source_id = r.source_id))::int AS missing
               FROM ${system.schema}.source_record r`,
            [system.channel],
          );
          return row!.pending === 0 && row!.missing === 0 ? row! : undefined;
        }, `${system.service}'s records all handed to intake`, 90_000);
        expect(handed.records).toBeGreaterThan(0);
        pulled[system.service] = handed.records;
      }

      // Every report once, every record once: the load's and the connectors'.
      const [reports] = await db.query<{ reports: number; records: number; wanted: number }>(
        `SELECT count(*)::int AS reports, count(DISTINCT (channel, source_id))::int AS records,
                count(*) FILTER (WHERE source_id = ANY($1))::int AS wanted FROM cases.report`,
        [Array.from({ length: REPORTS }, (_, index) => `FAULT-${index}`)],
      );
      // The legacy systems keep making records (an issue a minute), so a later count may hold a few more.
      const fromConnectors = Object.values(pulled).reduce((sum, n) => sum + n, 0);
      expect(reports!.wanted).toBe(REPORTS);
      expect(reports!.records).toBe(reports!.reports);
      expect(reports!.reports).toBeGreaterThanOrEqual(REPORTS + fromConnectors);

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
      // Every department event from the first one fanned out to the webhooks (events are fanned out in order;
      // the connectors' backlog was placed before the webhooks were registered) has its delivery row, and
      // every delivery was made and received. The legacy systems and the 督办 sweep keep making events, so
      // the counts are compared in one statement until they agree.
      const stored = await eventually(async () => {
        const [row] = await db.query<{ events: number; deliveries: number; pending: number }>(
          `WITH first AS (SELECT min(event_seq) AS seq FROM dispatch.webhook_delivery)
           SELECT (SELECT count(*)::int FROM dispatch.outbox o, first WHERE o.seq >= first.seq
                     AND o.type IN ('AssignmentChanged', 'SlaLightChanged') AND o.payload ? 'departmentId' AND o.payload ? 'assignmentId') AS events,
                  (SELECT count(*)::int FROM dispatch.webhook_delivery) AS deliveries,
                  (SELECT count(*)::int FROM dispatch.webhook_delivery WHERE delivered_at IS NULL) AS pending`,
        );
        const receivedEvents = new Set(receiver.received.map((receipt) => receipt.eventId)).size;
        return row!.deliveries > 0 && row!.deliveries === row!.events && row!.pending === 0 && receivedEvents === row!.deliveries ? row! : undefined;
      }, 'every department event delivered', 90_000);
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

      // Each 督办 reminder made once per assignment and role, and texted once, though two dispatch replicas swept every 5 s.
      const [reminders] = await db.query<{ reminders: number; made_twice: number; sent: number; texts: number; texted_twice: number }>(
        `SELECT (SELECT count(*)::int FROM dispatch.reminder) AS reminders,
                (SELECT count(*)::int - count(DISTINCT (assignment_id, recipient_role))::int FROM dispatch.reminder) AS made_twice,
                (SELECT count(*)::int FROM dispatch.reminder WHERE sent_at IS NOT NULL) AS sent,
                (SELECT count(*)::int FROM dispatch.sms_outbox) AS texts,
                (SELECT count(*)::int - count(DISTINCT reminder_id)::int FROM dispatch.sms_outbox) AS texted_twice`,
      );

      // The read model, fed by two analytics replicas, holds every report once.
      const projected = await eventually(async () => {
        const [row] = await db.query<{ projected: number; taken: number }>(
          'SELECT (SELECT count(*)::int FROM analytics.report) AS projected, (SELECT count(*)::int FROM cases.report) AS taken',
        );
        return row!.projected === row!.taken ? row!.projected : undefined;
      }, 'analytics to project every report', 60_000);

      const asked = Object.entries(simulators).map(([name, simulator]) => `${name} ${simulator.faults.requests}`).join(', ');
      process.stderr.write(
        `replicas under SIGKILL: ${REPORTS} reports submitted (${retries} retried calls) and ${fromConnectors} pulled by the connectors (${JSON.stringify(pulled)}; requests to the legacy systems: ${asked}), ` +
          `${reports!.reports} stored, ${reports!.records} distinct records, ${projected} in the read model; ` +
          `${reminders!.reminders} reminders (${reminders!.made_twice} made twice), ${reminders!.sent} sent, ${reminders!.texts} texts (${reminders!.texted_twice} twice); ` +
          `${placed.cases} cases, ${placed.unplaced} unplaced, ${placed.twice} with two open assignments; ` +
          `${stored.deliveries} webhook deliveries stored, ${receiver.received.length} received for ${deliveriesPerEvent.size} events, ${eventsTwice} events under two delivery ids, ${outOfOrder} out of order\n`,
      );
      expect(reminders).toMatchObject({ made_twice: 0, texted_twice: 0 });
      expect(reminders!.reminders).toBeGreaterThan(0);
      expect(reminders!.texts).toBe(reminders!.sent);
      expect(deliveriesPerEvent.size).toBe(stored.deliveries);
      expect(eventsTwice).toBe(0);
      expect(outOfOrder).toBe(0);
    } finally {
      await new Promise((resolve) => receiver.server.close(resolve));
    }
  }, 300_000);
});
