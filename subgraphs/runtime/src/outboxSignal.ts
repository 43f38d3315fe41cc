import { EventEmitter } from 'node:events';
import type { Database } from './database';

/**
 * An "an outbox just committed" hint. Consumers in the same process (the embedded hub) are told directly;
 * consumers in other processes (replicas, services on their own) through PostgreSQL's LISTEN/NOTIFY on
 * OUTBOX_CHANNEL, relayed here. Either way they poll at once instead of waiting out their idle back-off;
 * polling alone stays correct when a hint is lost (a dropped listening connection), only slower to notice.
 */

/** The notification channel every outbox commit is announced on; the payload is the outbox's schema. */
export const OUTBOX_CHANNEL = 'huying_outbox';

const committed = new EventEmitter();
committed.setMaxListeners(0);

export function signalOutboxCommitted(schema: string): void {
  committed.emit('commit', schema);
}

/** Calls `listener` after each commit to the outbox of `schema()` (read at each commit, so it may be late-bound). */
export function onOutboxCommitted(schema: () => string | undefined, listener: () => void): () => void {
  return onEveryOutboxCommit((committedSchema) => {
    if (committedSchema === schema()) listener();
  });
}

/** Calls `listener` with the schema after every outbox commit this process hears of, whichever service's: what the gateway's kept answers move on. */
export function onEveryOutboxCommit(listener: (schema: string) => void): () => void {
  committed.on('commit', listener);
  return () => committed.off('commit', listener);
}

/**
 * Relays the database's outbox notifications to this process's consumers: what another process committed
 * wakes them as a commit here would. Returns the stop.
 */
export function relayOutboxNotifications(db: Pick<Database, 'listen'>): Promise<() => Promise<void>> {
  return db.listen(OUTBOX_CHANNEL, (schema) => signalOutboxCommitted(schema));
}
