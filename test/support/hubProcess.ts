import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually } from './eventually';

const REPO = join(__dirname, '..', '..');

/** How the hub's process ended: its exit code, or the signal that killed it. */
export interface HubExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface HubProcess {
  pid: number;
  url: string;
  /** Everything the hub has written so far (its log). */
  output(): string;
  /** Resolves once the hub has written `text`, as soon as it has. */
  written(text: string): Promise<void>;
  /** Resolves when the process has ended and all it wrote has been read. */
  exited: Promise<HubExit>;
  /** Sends `signal` unless the process has ended, and waits for it to end. */
  stop(signal: NodeJS.Signals): Promise<HubExit>;
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
  const read = (chunk: string) => (output += chunk);
  // Decoded as a stream: a character split between two chunks stays whole.
  child.stdout.setEncoding('utf8').on('data', read);
  child.stderr.setEncoding('utf8').on('data', read);
  // Checked on each chunk as it is read (a listener added after `read` sees it in `output`), not polled.
  const written = (text: string) =>
    new Promise<void>((resolve) => {
      const check = () => {
        if (!output.includes(text)) return;
        child.stdout.off('data', check);
        child.stderr.off('data', check);
        resolve();
      };
      child.stdout.on('data', check);
      child.stderr.on('data', check);
      check();
    });
  const exited = new Promise<HubExit>((resolve) => child.once('close', (code, signal) => resolve({ code, signal })));
  const ended = () => child.exitCode !== null || child.signalCode !== null;
  const stop = async (signal: NodeJS.Signals) => {
    if (!ended()) child.kill(signal);
    return exited;
  };
  try {
    const url = await eventually(
      () => /GraphQL at (http:\/\/\S+\/graphql)/.exec(output)?.[1] ?? (ended() ? Promise.reject(new Error(output)) : null),
      'the hub to start',
      120_000,
    );
    return {
      pid: child.pid!,
      url,
      output: () => output,
      written,
      exited,
      stop,
    };
  } catch (error) {
    await stop('SIGKILL');
    throw error;
  }
}

/**
 * For a test file: a temporary data folder, and a hub started in it that is killed (if a failed test left it
 * running) and whose folder is removed once the file's tests are done.
 */
export function hubInTempFolder(prefix: string): { dir: string; start(env?: Record<string, string>): Promise<HubProcess> } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  let hub: HubProcess | undefined;
  afterAll(async () => {
    await hub?.stop('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });
  return { dir, start: async (env) => (hub = await startHubProcess(dir, env)) };
}
