import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually } from './support/eventually';
import { startHubProcess } from './support/hubProcess';

/**
 * Ctrl-C under `npm start` reaches the hub twice (from the terminal and again from npm). The second signal,
 * arriving while the hub stops, must not end it half-way: it still closes PGlite and exits with 0.
 */
describe('the embedded hub, signalled again while it stops', () => {
  const dir = mkdtempSync(join(tmpdir(), 'huying-second-signal-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('finishes stopping: PGlite closed, exit code 0', async () => {
    const hub = await startHubProcess(dir, { LOG_LEVEL: 'info' });
    expect(existsSync(join(dir, 'postmaster.pid'))).toBe(true);
    process.kill(hub.pid, 'SIGTERM');
    await eventually(() => hub.output().includes('"msg":"shutting down"'), 'the hub to begin stopping', 60_000);
    process.kill(hub.pid, 'SIGINT');
    expect(await hub.exited).toEqual({ code: 0, signal: null });
    expect(existsSync(join(dir, 'postmaster.pid'))).toBe(false);
    expect(hub.output()).toContain('already shutting down');
  }, 240_000);
});
