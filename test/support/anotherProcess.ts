import { spawn } from 'node:child_process';
import { join } from 'node:path';

const REPO = join(__dirname, '..', '..');

/**
 * A process of its own (`publishOneEvent.ts`) connected to the server and ready to commit one event to the
 * outbox of `schema`: `publish()` has it commit now and resolves when it has exited.
 */
export async function publisherInAnotherProcess(url: string, schema: string, aggregateId: string): Promise<{ publish(): Promise<void> }> {
  const child = spawn(process.execPath, [require.resolve('tsx/cli'), join(__dirname, 'publishOneEvent.ts'), url, schema, aggregateId], {
    cwd: REPO,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let errors = '';
  child.stderr!.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  const exited = new Promise<void>((resolve, reject) =>
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`the publishing process exited with ${code}: ${errors}`)))),
  );
  await Promise.race([
    new Promise<void>((resolve) => {
      let output = '';
      child.stdout!.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('ready\n')) resolve();
      });
    }),
    exited.then(() => Promise.reject(new Error(`the publishing process exited before it was ready: ${errors}`))),
  ]);
  return {
    publish: async () => {
      child.stdin!.end('go\n');
      await exited;
    },
  };
}

/** The same, committing as soon as it is connected. */
export async function publishFromAnotherProcess(url: string, schema: string, aggregateId: string): Promise<void> {
  await (await publisherInAnotherProcess(url, schema, aggregateId)).publish();
}
