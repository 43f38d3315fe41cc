import { PassThrough } from 'node:stream';
import { backfillProgressBar } from './backfillProgressBar';

describe('the backfill progress where stderr is not a terminal', () => {
  it('writes its line as the run goes and once at the end, so a log shows the run moving', async () => {
    const stream = new PassThrough();
    let written = '';
    stream.on('data', (chunk: Buffer) => (written += chunk.toString()));
    const bar = backfillProgressBar('HOTLINE', { stream, everyMs: 20 });
    bar.update({ records: 100, total: 400, taken: 90, updated: 5, unchanged: 0, deadLettered: 5 });
    await new Promise((resolve) => setTimeout(resolve, 80));
    const during = written;
    bar.update({ records: 400, total: 400, taken: 380, updated: 10, unchanged: 0, deadLettered: 10 });
    bar.stop();
    expect(during).toMatch(/HOTLINE .*100\/400 records .* taken 90 updated 5 dead-lettered 5/);
    expect(written.trim().split('\n').at(-1)).toMatch(/400\/400 records .* taken 380/);
  });
});
