import pg from 'pg';

/** How long a dropped listening connection waits before it connects again (polling covers the gap). */
const RELISTEN_MS = 1000;

/**
 * One connection of its own per process that LISTENs (a pooled connection cannot: it is handed to other
 * work). Connected on the first `listen`; when it drops, it connects again and listens to every channel
 * anew. Notifications sent while it was down are lost; consumers' polling finds their events anyway.
 */
export function notificationListener(url: string) {
  const listeners = new Map<string, Set<(payload: string) => void>>();
  let client: pg.Client | null = null;
  let connecting: Promise<pg.Client> | null = null;
  let closed = false;

  const connect = async (): Promise<pg.Client> => {
    const connection = new pg.Client({ connectionString: url });
    connection.on('notification', (message) => {
      for (const listener of listeners.get(message.channel) ?? []) listener(message.payload ?? '');
    });
    connection.on('error', () => {
      client = null;
      connecting = null;
      void connection.end().catch(() => undefined);
      reconnectLater();
    });
    await connection.connect();
    for (const channel of listeners.keys()) await connection.query(`LISTEN ${channel}`);
    client = connection;
    return connection;
  };
  const ensure = (): Promise<pg.Client> =>
    (connecting ??= connect().catch((error: unknown) => {
      connecting = null;
      throw error;
    }));
  // Until the server answers again, every RELISTEN_MS; the timer never keeps the process alive.
  const reconnectLater = (): void => {
    if (closed || listeners.size === 0) return;
    setTimeout(() => void ensure().catch(reconnectLater), RELISTEN_MS).unref();
  };

  return {
    async listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>> {
      const known = listeners.get(channel);
      const set = known ?? new Set();
      set.add(onPayload);
      listeners.set(channel, set);
      const connection = await ensure();
      if (!known) await connection.query(`LISTEN ${channel}`);
      return async () => {
        set.delete(onPayload);
        if (set.size > 0 || listeners.get(channel) !== set) return;
        listeners.delete(channel);
        await client?.query(`UNLISTEN ${channel}`).catch(() => undefined);
      };
    },
    async close(): Promise<void> {
      closed = true;
      listeners.clear();
      const connection = client ?? (await connecting?.catch(() => null));
      client = null;
      await connection?.end().catch(() => undefined);
    },
  };
}
