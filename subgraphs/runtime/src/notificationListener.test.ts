import { testBackends } from './testing';

// LISTEN/NOTIFY across connections needs a server; CI always sets one.
const servers = testBackends().filter((backend) => backend.kind === 'postgres');
(servers.length ? describe.each(servers) : describe.skip.each([{ kind: 'postgres' }]))('notifications on $kind', (backend) => {
  it('reach a listener, and reach it again after its connection was cut', async () => {
    const { db, dispose } = await (backend as ReturnType<typeof testBackends>[number]).open();
    const heard: string[] = [];
    const stop = await db.listen('huying_test_channel', (payload) => heard.push(payload));
    const until = async (payload: string) => {
      for (let tries = 0; tries < 200 && !heard.includes(payload); tries++) {
        await db.query("SELECT pg_notify('huying_test_channel', $1)", [payload]);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      return heard.includes(payload);
    };
    try {
      expect(await until('first')).toBe(true);
      // The server drops the listening connection (a restart, a failover, an idle timeout).
      const cut = await db.query<{ cut: boolean }>(
        `SELECT pg_terminate_backend(pid) AS cut FROM pg_stat_activity
          WHERE datname = current_database() AND query LIKE 'LISTEN%' AND pid <> pg_backend_pid()`,
      );
      expect(cut).toEqual([{ cut: true }]);
      expect(await until('after the cut')).toBe(true);
      await stop();
      heard.length = 0;
      await db.query("SELECT pg_notify('huying_test_channel', 'unheard')");
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(heard).toEqual([]);
    } finally {
      await dispose();
    }
  }, 30_000);
});
