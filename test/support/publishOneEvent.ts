import { openDatabase, publishEvent } from '@huying/runtime';

/**
 * Another process for `outbox-wakes-another-process.test.ts`: publishes one event to the outbox of schema
 * `argv[3]` on the server at `argv[2]`, commits and exits (nothing of this process is shared with the test's).
 */
async function main(): Promise<void> {
  const [url, schema, aggregateId] = process.argv.slice(2) as [string, string, string];
  const db = await openDatabase({ url });
  await db.transaction((tx) => publishEvent(tx, schema, { type: 'Pinged', aggregateId, payload: {}, occurredAt: new Date() }));
  await db.close();
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
