import { createInterface } from 'node:readline';
import { openDatabase, publishEvent } from '@huying/runtime';

/**
 * Another process for the tests that need one: opens the server at `argv[2]`, says `ready` on stdout, waits
 * for a line on stdin, then publishes one event to the outbox of schema `argv[3]`, commits and exits (nothing
 * of this process is shared with the test's). Waiting lets a test time the commit to the moment it wants.
 */
async function main(): Promise<void> {
  const [url, schema, aggregateId] = process.argv.slice(2) as [string, string, string];
  const db = await openDatabase({ url });
  process.stdout.write('ready\n');
  const lines = createInterface({ input: process.stdin });
  await new Promise<void>((resolve) => lines.once('line', () => resolve()));
  lines.close();
  await db.transaction((tx) => publishEvent(tx, schema, { type: 'Pinged', aggregateId, payload: {}, occurredAt: new Date() }));
  await db.close();
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
