import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

export interface Hub {
  url: string;
  /** Each service's base URL inside the hub, as its start says. */
  subgraphs: Record<string, string>;
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
  let started = false;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const { url, subgraphs } = await new Promise<{ url: string; subgraphs: Record<string, string> }>((resolve, reject) => {
    const read = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-20_000);
      // whole lines only: the start's line may come in two chunks
      const up = output.split('\n').slice(0, -1).find((line) => /GraphQL at http/.test(line));
      // read on after it is up (the rest is kept for an error), so the hub's log never blocks it on a full pipe
      if (!up || started) return;
      started = true;
      try {
        const line = JSON.parse(up) as { msg: string; subgraphs: Record<string, string> };
        resolve({ url: /GraphQL at (http:\/\/[^ ,"]+\/graphql)/.exec(line.msg)![1]!, subgraphs: line.subgraphs });
      } catch (error) {
        reject(new Error(`hub ${name} said it is up in a line that is not its log's JSON: ${up}`, { cause: error }));
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.once('exit', () => reject(new Error(`hub ${name} exited before it was up:\n${output}`)));
  });
  process.stderr.write(`[bench] hub ${name} up at ${url}\n`);
  return {
    url,
    subgraphs,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
