import type { Logger } from './logger';

/**
 * Stops a process in order on its first SIGINT or SIGTERM, then exits. The signal often comes twice: Ctrl-C
 * reaches npm and the hub below it, and npm passes it on again. A second one while stopping is only noted:
 * were it left to Node's default, it would end the process half-way and leave the embedded database unclosed.
 * Called before the process starts its servers, with a `stop` that first waits for them to have started.
 */
export function stopOnSignal(log: Logger, stop: () => Promise<void>): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      log.info({ signal }, 'already shutting down (SIGKILL ends the process at once)');
      return;
    }
    stopping = true;
    log.info({ signal }, 'shutting down');
    Promise.resolve().then(stop).then(
      () => process.exit(0),
      (error: unknown) => {
        log.error({ err: error }, 'shutting down failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}
