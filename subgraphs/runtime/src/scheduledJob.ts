import { schedule } from 'node-cron';

export interface ScheduledJob {
  /** Stops the schedule and waits for a run under way, so the database is not closed under it. */
  stop(): Promise<void>;
}

/**
 * Runs `job` on `cronLine`, never two runs at once. node-cron's own stop does not wait for the run in hand;
 * this one does. The job handles its own errors (each caller logs them its way).
 */
export function scheduledJob(cronLine: string, job: () => Promise<void>, options: { timezone?: string } = {}): ScheduledJob {
  let running: Promise<void> = Promise.resolve();
  const task = schedule(cronLine, () => (running = job()), { noOverlap: true, ...options });
  return {
    async stop() {
      await task.destroy();
      await running;
    },
  };
}
