import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { hubServices } from '@huying/gateway';
import {
  createLogger,
  httpEventFeed,
  ManualClock,
  serveSubgraph,
  testBackends,
  type Database,
  type ServedSubgraph,
  type SubgraphService,
} from '@huying/runtime';
import { departmentHeadCursor, graphql } from './support/graphql';
import { asOperator, testOperators } from './support/operators';
import { eventually } from './support/eventually';

const REPO = join(__dirname, '..');

/** `npm run start -w @huying/gateway`, as a deployment runs it: its own process, configured by the environment only. */
function startGatewayProcess(env: Record<string, string>): { child: ChildProcess; exited: Promise<{ code: number | null; output: string }>; url: Promise<string> } {
  const { NODE_OPTIONS: _jestOnly, JEST_WORKER_ID: _jestWorker, ...inherited } = process.env;
  // detached: its own process group, so the test stops npm and the gateway below it together
  const child = spawn('npm', ['run', '--silent', 'start', '-w', '@huying/gateway'], { cwd: REPO, env: { ...inherited, LOG_LEVEL: 'info', ...env }, detached: true });
  let output = '';
  const url = new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const listening = /"url":"(http:[^"]+)"/.exec(output);
      if (listening) resolve(listening[1]!);
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', () => reject(new Error(`the gateway exited before listening:\n${output}`)));
  });
  url.catch(() => undefined);
  const exited = new Promise<{ code: number | null; output: string }>((resolve) => child.once('exit', (code) => resolve({ code, output })));
  return { child, exited, url };
}

function stopProcessGroup(child: ChildProcess): void {
  if (child.exitCode === null && child.pid) process.kill(-child.pid, 'SIGTERM');
}

describe('the gateway on its own, over subgraphs served one by one', () => {
  it('refuses to start without an operators file, saying so', async () => {
    const { exited } = startGatewayProcess({ PORT: '0', HUYING_OPERATORS_FILE: '' });
    const { code, output } = await exited;
    expect(code).toBe(1);
    expect(output).toContain('HUYING_OPERATORS_FILE is not set');
  });

  it('refuses to start in production with the published development secret and keys, naming each', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'huying-gateway-'));
    const operatorsFile = join(folder, 'operators.json');
    writeFileSync(operatorsFile, JSON.stringify({ operators: testOperators() }));
    const { exited } = startGatewayProcess({ PORT: '0', HUYING_OPERATORS_FILE: operatorsFile, HUYING_ENV: '', HUYING_GATEWAY_SECRET: '', HUYING_CONTACT_KEY: 'a-real-key' });
    const { code, output } = await exited;
    rmSync(folder, { recursive: true, force: true });
    expect(code).toBe(1);
    expect(output).toContain('refusing to start in production');
    expect(output).toContain('HUYING_GATEWAY_SECRET');
    expect(output).toContain('HUYING_DATA_KEYS');
    expect(output).not.toContain('HUYING_CONTACT_KEY is unset');
  });

  describe.each(testBackends())('on $kind', (backend) => {
    let db: Database;
    let dispose: () => Promise<void>;
    const served: ServedSubgraph[] = [];
    const services: SubgraphService<unknown>[] = [];
    const bases: Record<string, string> = {};
    let gateway: ReturnType<typeof startGatewayProcess>;
    let url: string;
    let folder: string;

    beforeAll(async () => {
      ({ db, dispose } = await backend.open());
      const clock = new ManualClock('2026-11-20T02:00:00Z');
      // every subgraph of the supergraph, each on its own port, reaching the others over HTTP only
      for (const module of hubServices()) {
        const service = await module.create({
          db,
          clock,
          log: createLogger(module.name),
          feed: (name) => httpEventFeed(() => bases[name]),
          endpoint: (name) => (bases[name] ? `${bases[name]}/graphql` : undefined),
        });
        const subgraph = await serveSubgraph(service, db);
        served.push(subgraph);
        services.push(service);
        bases[module.name] = subgraph.base;
      }
      for (const service of services) await service.start?.();

      folder = mkdtempSync(join(tmpdir(), 'huying-gateway-'));
      const operatorsFile = join(folder, 'operators.json');
      writeFileSync(operatorsFile, JSON.stringify({ operators: testOperators() }));
      gateway = startGatewayProcess({
        PORT: '0',
        HOST: '127.0.0.1',
        HUYING_OPERATORS_FILE: operatorsFile,
        // The subgraphs of this test share the development secret with it, on purpose.
        HUYING_ENV: 'development',
        HUYING_SERVICE_URLS: Object.entries(bases).map(([name, base]) => `${name}=${base}`).join(','),
      });
      url = await gateway.url;
    });
    afterAll(async () => {
      if (gateway) {
        stopProcessGroup(gateway.child);
        await gateway.exited;
      }
      for (const service of [...services].reverse()) await service.stop?.();
      for (const subgraph of served) await subgraph.close();
      await dispose();
      if (folder) rmSync(folder, { recursive: true, force: true });
    });

    it('serves the graph, operators, department subscriptions, the dashboard and the CSV exports', async () => {
      const base = url.replace(/\/graphql$/, '');
      const health = await fetch(`${base}/health`);
      expect(health.status).toBe(200);
      expect(Object.keys(((await health.json()) as { subgraphs: object }).subgraphs).sort()).toEqual(Object.keys(bases).sort());

      // roles come from operator tokens only
      const forged = await graphql(url, `mutation { issueDepartmentKey(departmentId: "jiangan-water") { key } }`, {}, { 'x-huying-role': 'ADMIN' });
      expect(forged.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      const issued = await graphql(url, `mutation { issueDepartmentKey(departmentId: "jiangan-water") { key } }`, {}, asOperator('ADMIN'));
      expect(issued.errors).toBeUndefined();
      const key = issued.data!.issueDepartmentKey.key as string;

      // the water department's system subscribes at this gateway's /graphql over WebSocket
      const events: { caseId: string; state: string }[] = [];
      const client = createClient({ url: url.replace(/^http/, 'ws'), webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${key}` }, retryAttempts: 0 });
      try {
        client.subscribe<{ assignmentEvents: { caseId: string; state: string } }>(
          {
            query: `subscription ($after: String) { assignmentEvents(departmentId: "jiangan-water", after: $after) { caseId state } }`,
            variables: { after: await departmentHeadCursor(url, 'jiangan-water', key) },
          },
          { next: (message) => message.data && events.push(message.data.assignmentEvents), error: () => undefined, complete: () => undefined },
        );
        const submitted = await graphql(url, `mutation ($reports: [ReportInput!]!) { submitReports(reports: $reports) { case { id } } }`, {
          reports: [{ channel: 'HOTLINE', sourceId: 'GD-STANDALONE-1', receivedAt: '2026-11-20T09:58:00+08:00', text: '二七路口下水道堵塞，路面大面积积水', address: '江岸区二七路', categoryHint: '排水' }],
        }, asOperator('INTAKE:test-system'));
        expect(submitted.errors).toBeUndefined();
        const caseId = submitted.data!.submitReports[0].case.id as string;
        const event = await eventually(() => events.find((candidate) => candidate.caseId === caseId), 'the assignment over WebSocket');
        expect(event.state).toBe('DISPATCHED');
      } finally {
        await client.dispose();
      }

      const page = await fetch(`${base}/dashboard`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<svg id="map"');
      const exportUrl = `${base}/export/kpis.csv?from=${encodeURIComponent('2026-11-01T00:00:00+08:00')}&to=${encodeURIComponent('2026-12-01T00:00:00+08:00')}`;
      expect((await fetch(exportUrl)).status).toBe(401);
      const csv = await fetch(exportUrl, { headers: asOperator('SUPERVISOR') });
      expect(csv.status).toBe(200);
      expect(csv.headers.get('content-type')).toContain('text/csv');
    });
  });
});
