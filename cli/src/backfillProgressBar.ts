import { SingleBar, Presets } from 'cli-progress';
import type { BackfillProgress } from './backfill';

/**
 * The backfill's progress on stderr: records of total, rate, ETA, and what became of them so far. In a
 * terminal a bar redrawn in place; anywhere else (CI, a log file) the same line written every few seconds
 * and once at the end, so a log shows the run moving.
 */
export function backfillProgressBar(
  channel: string,
  options: { stream?: NodeJS.WritableStream; everyMs?: number } = {},
): { update(progress: BackfillProgress): void; stop(): void } {
  const bar = new SingleBar(
    {
      format: `${channel} {bar} {percentage}% | {value}/{total} records | {rate} rec/s | ETA {eta_formatted} | taken {taken} updated {updated} dead-lettered {deadLettered}`,
      etaBuffer: 20,
      hideCursor: true,
      stream: options.stream ?? process.stderr,
      noTTYOutput: true,
      notTTYSchedule: options.everyMs ?? 2000,
    },
    Presets.shades_classic,
  );
  const startedAt = performance.now();
  let started = false;
  return {
    update(progress) {
      const total = Math.max(progress.total ?? 0, progress.records);
      const payload = { rate: Math.round(progress.records / Math.max(0.001, (performance.now() - startedAt) / 1000)), taken: progress.taken, updated: progress.updated, deadLettered: progress.deadLettered };
      if (!started) {
        bar.start(total, progress.records, payload);
        started = true;
        return;
      }
      bar.setTotal(total);
      bar.update(progress.records, payload);
    },
    stop: () => bar.stop(),
  };
}
