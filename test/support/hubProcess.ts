import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { eventually } from './eventually';

const REPO = join(__dirname, '..', '..');

export interface HubProcess {
  pid: number;
  url: string;
  /** Everything the hub has written so far (its log). */
  output(): string;
  /** How the process ended: its exit code, or the signal that killed it. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * The embedded hub from its sources, as its own process, on PGlite in `dataDir`. Node runs it with tsx as a
 * loader, not through tsx's command, whose parent process passes signals on and kills a child that is slow to
 * answer: a signal sent here reaches the hub alone, as a process manager's does.
 */
export async function startHubProcess(dataDir: string, env: Record<string, string> = {}): Promise<HubProcess> {
  const { NODE_OPTIONS: _jestOnly, JEST_WORKER_ID: _jestWorker, DATABASE_URL: _server, ...inherited } = process.env;
  const child = spawn(process.execPath, ['--import', 'tsx', 'gateway/src/main.ts'], {
    cwd: REPO,
    env: { ...inherited, HUYING_DATA: dataDir, PORT: '0', ...env },
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  try {
    const url = await eventually(
      () => /GraphQL at (http:\/\/\S+\/graphql)/.exec(output)?.[1] ?? (child.exitCode !== null ? Promise.reject(new Error(output)) : null),
      'the hub to start',
      120_000,
    );
    return { pid: child.pid!, url, output: () => output, exited };
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
}
