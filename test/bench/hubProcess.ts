import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

export interface Hub {
  url: string;
  stop(): Promise<void>;
}

/** One hub as a deployment runs a replica: its own process, configured by the environment only. */
export async function startHubProcess(name: string, databaseUrl: string, env: Record<string, string> = {}): Promise<Hub> {
  const { NODE_OPTIONS: _none, ...inherited } = process.env;
  const child: ChildProcess = spawn(process.execPath, [join(ROOT, 'gateway', 'build', 'embeddedHub.mjs'), 'start'], {
    cwd: ROOT,
    env: { ...inherited, DATABASE_URL: databaseUrl, PORT: '0', HUYING_SIMULATORS: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const read = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-20_000);
      const up = /GraphQL at (http:\/\/[^ ,"]+\/graphql)/.exec(output);
      if (up) resolve(up[1]!);
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.once('exit', () => reject(new Error(`hub ${name} exited before it was up:\n${output}`)));
  });
  process.stderr.write(`[bench] hub ${name} up at ${url}\n`);
  return {
    url,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
