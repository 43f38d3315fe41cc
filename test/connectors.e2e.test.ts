import type { ChannelSubgraph } from '@huying/connector-kit';
import { startHub } from '@huying/gateway';
import { ManualClock, openDatabase } from '@huying/runtime';

/** The embedded default: four simulators, four connectors, cases, the gateway, over real HTTP. */
describe('connectors through the gateway', () => {
  it('returns cases of all four channels with each report’s native field, and the connectors’ state', async () => {
    const db = await openDatabase({ dataDir: 'memory://' });
    const clock = new ManualClock('2026-11-20T04:00:00Z');
    const hub = await startHub({ db, clock, simulators: true });
    try {
      for (const name of ['hotline', 'message-board', 'urban-management', 'grid']) {
        await (hub.services[name] as ChannelSubgraph<unknown>).puller!.pullOnce().catch(() => (hub.services[name] as ChannelSubgraph<unknown>).puller!.pullOnce());
      }
      const ask = async (query: string) => {
        // The embedded hub's development admin token (gateway/config/operators.development.json).
        const response = await fetch(hub.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer hyop_dev_admin' }, body: JSON.stringify({ query }) });
        const body = (await response.json()) as { data: Record<string, any>; errors?: unknown };
        expect(body.errors).toBeUndefined();
        return body.data;
      };
      for (const channel of ['HOTLINE', 'MESSAGE_BOARD', 'URBAN_MANAGEMENT', 'GRID']) {
        const data = await ask(`{ cases(filter: { channel: ${channel} }, first: 1) { totalCount nodes { id title reports {
          channel sourceId text
          hotlineTicket { ticketNo agentName } boardPost { postId likes } urbanCase { caseNo minorName gridCode } gridReport { reportNo gridId intakeModeName }
        } } } }`);
        expect(data.cases.totalCount).toBeGreaterThan(0);
        const report = data.cases.nodes[0].reports.find((candidate: { channel: string }) => candidate.channel === channel);
        const native = { HOTLINE: report.hotlineTicket, MESSAGE_BOARD: report.boardPost, URBAN_MANAGEMENT: report.urbanCase, GRID: report.gridReport }[channel];
        expect(native).toBeTruthy();
        expect(Object.values(native)[0]).toBe(report.sourceId);
        for (const [other, value] of Object.entries({ HOTLINE: report.hotlineTicket, MESSAGE_BOARD: report.boardPost, URBAN_MANAGEMENT: report.urbanCase, GRID: report.gridReport })) {
          if (other !== channel) expect(value).toBeNull();
        }
      }
      const state = await ask('{ connectors { channel configured reachable pulled failed lagSeconds cursor } deadLetters(channel: HOTLINE, first: 1) { totalCount nodes { id reason payload } } }');
      expect(state.connectors).toHaveLength(4);
      for (const connector of state.connectors) {
        expect(connector).toMatchObject({ configured: true, reachable: true, lagSeconds: 0 });
        expect(connector.pulled).toBeGreaterThan(0);
      }
      expect(state.deadLetters.totalCount).toBeGreaterThan(0);
      const retry = await ask(`mutation { retryDeadLetter(id: "${state.deadLetters.nodes[0].id}") { taken reason deadLetter { attempts } } }`);
      expect(retry.retryDeadLetter).toMatchObject({ taken: false, deadLetter: { attempts: 2 } });
      expect(retry.retryDeadLetter.reason).toMatch(/ldsj/);
    } finally {
      await hub.close();
      await db.close();
    }
  }, 180_000);
});
