import { spawn } from 'node:child_process';
import { join } from 'node:path';

const REPO = join(__dirname, '..', '..');

/** Runs `publishOneEvent.ts` in a process of its own: one event in the outbox of `schema`, committed there. */
export function publishFromAnotherProcess(url: string, schema: string, aggregateId: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [require.resolve('tsx/cli'), join(__dirname, 'publishOneEvent.ts'), url, schema, aggregateId], {
      cwd: REPO,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let errors = '';
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`the publishing process exited with ${code}: ${errors}`))));
  });
}
