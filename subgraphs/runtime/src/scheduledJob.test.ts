import { scheduledJob } from './scheduledJob';

describe('scheduledJob', () => {
  it('runs on its cron line, and its stop waits for the run in hand', async () => {
    let finished = false;
    let release!: () => void;
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    const job = scheduledJob('* * * * * *', async () => {
      started();
      await new Promise<void>((done) => (release = done));
      finished = true;
    });
    await running;
    const stopping = job.stop();
    setTimeout(() => release(), 200);
    await stopping;
    expect(finished).toBe(true);
  }, 10_000);
});
