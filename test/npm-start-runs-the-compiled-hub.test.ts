import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { graphql } from './support/graphql';
import { eventually } from './support/eventually';

const REPO = join(__dirname, '..');
const COMMAND_CENTRE = { authorization: 'Bearer hyop_dev_command_centre' };

interface Started {
  child: ChildProcess;
  /** The hub's own process (npm's child), from its log. */
  hubPid: number;
  url: string;
  base: string;
  output: () => string;
  exited: Promise<number | null>;
}

/** SIGTERM to the hub as a process manager sends it; npm then exits with the hub's code. */
async function stop(started: Started): Promise<number | null> {
  process.kill(started.hubPid, 'SIGTERM');
  const timer = setTimeout(() => process.kill(-started.child.pid!, 'SIGKILL'), 30_000);
  const code = await started.exited;
  clearTimeout(timer);
  return code;
}

/** The README's `npm start`, as a newcomer runs it: the compiled hub on PGlite in `dataDir`, simulators on. */
async function npmStart(dataDir: string): Promise<Started> {
  const { NODE_OPTIONS: _jestOnly, JEST_WORKER_ID: _jestWorker, DATABASE_URL: _server, ...inherited } = process.env;
  // detached: its own process group, so the test stops npm and the hub below it together
  const child = spawn('npm', ['start'], { cwd: REPO, env: { ...inherited, PORT: '0', HUYING_DATA: dataDir, LOG_LEVEL: 'info' }, detached: true });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await eventually(() => /GraphQL at (http:\/\/[^ ,"]+\/graphql)/.exec(output)?.[1] ?? (child.exitCode !== null ? Promise.reject(new Error(output)) : null), 'the hub to say it is up', 90_000);
  const hubPid = Number(/"pid":(\d+)[^\n]*Huying 呼应 is up/.exec(output)![1]);
  return { child, hubPid, url, base: url.replace(/\/graphql$/, ''), output: () => output, exited };
}

const caseCount = async (url: string) =>
  (await graphql<{ cases: { totalCount: number } }>(url, '{ cases(first: 1) { totalCount } }', {}, COMMAND_CENTRE)).data?.cases.totalCount ?? 0;

describe('npm start', () => {
  const dataDir = join(mkdtempSync(join(tmpdir(), 'huying-npm-start-')), 'data');
  afterAll(() => rmSync(dirname(dataDir), { recursive: true, force: true }));

  it('runs the compiled hub on a fresh folder: every route, cases from the simulators, a clean stop, and a restart that keeps them', async () => {
    const first = await npmStart(dataDir);
    let kept = 0;
    let stopped: Promise<number | null> | undefined;
    try {
      expect(first.output()).toMatch(/"coldStartMs":\d+/);
      expect((await fetch(`${first.base}/health`)).status).toBe(200);
      // Read from beside the sources (SDL, migrations, configuration, pages) and from packages left outside the bundle.
      kept = await eventually(async () => ((await caseCount(first.url)) >= 5 ? caseCount(first.url) : null), 'cases from the simulators');
      const console = await fetch(`${first.base}/console`);
      expect([console.status, await console.text()]).toEqual([200, expect.stringContaining('<html')]);
      expect((await fetch(`${first.base}/console/vendor/preact.js`)).status).toBe(200);
      expect((await fetch(`${first.base}/dashboard`)).status).toBe(200);
      expect((await fetch(`${first.base}/dashboard/fonts/package.json`)).status).toBe(200);
      // Open311 in its XML, refusing a client without a key in the spec's own shape.
      const services = await fetch(`${first.base}/open311/v2/services.xml`);
      expect([services.status, await services.text()]).toEqual([403, expect.stringContaining('<errors>')]);
      expect(first.output()).not.toMatch(/"level":(50|60)/);
    } finally {
      stopped = stop(first);
    }
    expect(await stopped).toBe(0);
    expect(first.output()).toContain('shutting down');

    const second = await npmStart(dataDir);
    try {
      expect(await caseCount(second.url)).toBeGreaterThanOrEqual(kept);
    } finally {
      stopped = stop(second);
    }
    expect(await stopped).toBe(0);
  }, 240_000);
});
