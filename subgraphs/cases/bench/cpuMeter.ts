import { readFileSync } from 'node:fs';
import type { Database } from '@huying/runtime';

/**
 * CPU seconds spent while the meter runs, by this process (the hub's code and the bench's feeding) and
 * by the PostgreSQL server processes serving `db`: work done, which this machine's wall-clock rates
 * (shared cores, steal time) do not show steadily. The server's share is read from /proc, so only for
 * a server on this machine (null otherwise, and for PGlite, whose work is this process's).
 */
export function cpuMeter(db: Database) {
  const totals = { node: 0, database: 0 as number | null };
  let started: { node: NodeJS.CpuUsage; backends: Map<number, number> } | null = null;

  const backendSeconds = async (): Promise<Map<number, number> | null> => {
    if (db.kind !== 'postgres') return null;
    const rows = await db.query<{ pid: number }>("SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND backend_type = 'client backend'");
    const seconds = new Map<number, number>();
    for (const { pid } of rows) {
      try {
        // Fields 14 and 15 of /proc/PID/stat (after the parenthesised name): user and system time in ticks of 1/100 s.
        const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
        seconds.set(pid, (Number(fields[11]) + Number(fields[12])) / 100);
      } catch {
        return null;
      }
    }
    return seconds;
  };

  return {
    async start() {
      started = { node: process.cpuUsage(), backends: (await backendSeconds()) ?? new Map() };
    },
    async stop() {
      if (!started) return;
      const used = process.cpuUsage(started.node);
      totals.node += (used.user + used.system) / 1e6;
      const now = await backendSeconds();
      if (now === null || totals.database === null) totals.database = null;
      else for (const [pid, seconds] of now) totals.database += seconds - (started.backends.get(pid) ?? 0);
      started = null;
    },
    /** CPU seconds per report of `reports`, in milliseconds. */
    perReport(reports: number) {
      const ms = (seconds: number | null) => (seconds === null ? null : Math.round((seconds / reports) * 1e6) / 1e3);
      return { nodeMs: ms(totals.node), databaseMs: ms(totals.database) };
    },
  };
}
