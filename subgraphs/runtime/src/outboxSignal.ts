import { EventEmitter } from 'node:events';

/**
 * A process-local "an outbox just committed" hint. Consumers in the same process (the embedded hub)
 * poll at once instead of waiting out their idle back-off; across processes polling alone is correct,
 * only slower to notice.
 */
const committed = new EventEmitter();
committed.setMaxListeners(0);

export function signalOutboxCommitted(schema: string): void {
  committed.emit('commit', schema);
}

/** Calls `listener` after each commit to the outbox of `schema()` (read at each commit, so it may be late-bound). */
export function onOutboxCommitted(schema: () => string | undefined, listener: () => void): () => void {
  const handler = (committedSchema: string) => {
    if (committedSchema === schema()) listener();
  };
  committed.on('commit', handler);
  return () => committed.off('commit', handler);
}
