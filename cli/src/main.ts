import { openDatabase, settings } from '@huying/runtime';
import { backfill } from './backfill';
import { BACKFILL_USAGE, parseBackfillArgs } from './backfillArgs';
import { backfillProgressBar } from './backfillProgressBar';

/** `huying <command>`: the hub's command line. */
async function main(argv: readonly string[]): Promise<number> {
  const [command, ...args] = argv;
  if (command !== 'backfill' || args.includes('--help') || args.includes('-h')) {
    process.stderr.write(`${BACKFILL_USAGE}\n`);
    return command === 'backfill' || command === '--help' || command === '-h' ? 0 : 2;
  }
  let request;
  try {
    request = parseBackfillArgs(args);
  } catch (error) {
    process.stderr.write(`huying backfill: ${(error as Error).message}\n\n${BACKFILL_USAGE}\n`);
    return 2;
  }
  // The hub's own storage: PGlite in HUYING_DATA (stop the hub first), or DATABASE_URL.
  const db = await openDatabase({ url: settings.databaseUrl, dataDir: settings.dataDir });
  const bar = request.json ? null : backfillProgressBar(request.channel);
  try {
    const summary = await backfill({
      channel: request.channel,
      range: request.range,
      db,
      sourceUrl: request.sourceUrl,
      source: request.pageSize ? { pageSize: request.pageSize } : undefined,
      onProgress: (progress) => bar?.update(progress),
    });
    bar?.stop();
    if (request.json) {
      process.stdout.write(`${JSON.stringify(summary)}\n`);
    } else {
      process.stdout.write(
        `${summary.channel} ${request.range.from.toISOString()} .. ${request.range.to.toISOString()} from ${summary.sourceUrl}${summary.simulated ? ' (simulator)' : ''}\n` +
          `read ${summary.records} records in ${summary.pages} pages, ${summary.seconds.toFixed(1)} s\n` +
          `taken ${summary.taken}, updated ${summary.updated}, unchanged ${summary.unchanged}, dead-lettered ${summary.deadLettered}\n`,
      );
    }
    return 0;
  } catch (error) {
    bar?.stop();
    process.stderr.write(`huying backfill failed: ${(error as Error).message}\n`);
    return 1;
  } finally {
    await db.close();
  }
}

void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
