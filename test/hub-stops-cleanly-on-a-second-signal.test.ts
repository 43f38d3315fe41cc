import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { hubInTempFolder } from './support/hubProcess';

/**
 * Ctrl-C under `npm start` reaches the hub twice (from the terminal and again from npm). The second signal,
 * arriving while the hub stops, must not end it half-way: it still closes PGlite and exits with 0.
 */
describe('the embedded hub, signalled again while it stops', () => {
  const { dir, start } = hubInTempFolder('huying-second-signal-');

  it('finishes stopping: PGlite closed, exit code 0', async () => {
    const hub = await start({ LOG_LEVEL: 'info' });
    expect(existsSync(join(dir, 'postmaster.pid'))).toBe(true);
    process.kill(hub.pid, 'SIGINT');
    // The second is sent the moment the hub says it is stopping (its stop takes ~100 ms).
    await hub.written('"msg":"shutting down"');
    process.kill(hub.pid, 'SIGINT');
    expect(await hub.exited).toEqual({ code: 0, signal: null });
    expect(existsSync(join(dir, 'postmaster.pid'))).toBe(false);
    expect(hub.output()).toContain('already shutting down');
  }, 240_000);
});
