import iconv from 'iconv-lite';
import { graphqlIntake, type SimulatedFeed } from '@huying/connector-kit';
import { describeConnectorContract, startConnectorHarness, TEST_INTAKE } from '@huying/connector-kit/testing';
import { gatewayHeaders, ManualClock, testBackends } from '@huying/runtime';
import { hotlineService } from './service';
import { startHotlineSimulator, ticketOf } from './simulator';

const quick = { pageSize: 5, ratePerSecond: 1000, backoff: { baseDelayMs: 5, maxDelayMs: 20, maxAttempts: 4 } };

describeConnectorContract('hotline', {
  startSimulator: (clock, { malformedEvery }) => startHotlineSimulator({ clock, seed: 11, malformedEvery, meanIssueGapMs: 20 * 60_000 }),
  module: (url, intake) => hotlineService({ source: { ...quick, url }, intake }),
  sourceIdOf: (entry) => ticketOf(entry).gdbh,
  malformedReason: /ldsj \(call time\) "2026\/13\/45 25:61:00" is not a valid local time/,
  checkpoint: /^offset:\d+$/,
  answered: (native) => native.status === '已办结' && typeof native.reply === 'string',
  nativeQuery: 'hotlineTicket { status reply }',
});

describe.each(testBackends())('hotline mapping on $kind', (backend) => {
  it('maps every field of a GBK work order, in local time, and answers hotlineTicket', async () => {
    const clock = new ManualClock('2026-11-20T00:00:00Z');
    const simulator = await startHotlineSimulator({ clock, seed: 3, malformedEvery: 0 });
    clock.advance(6 * 3600_000);
    let casesUrl = '';
    const harness = await startConnectorHarness(backend, clock, hotlineService({ source: { ...quick, url: simulator.url }, intake: graphqlIntake(() => casesUrl, TEST_INTAKE) }));
    casesUrl = harness.casesUrl;
    try {
      // The wire really is GBK: the UTF-8 bytes of the text are not in it, the GBK bytes are.
      const wire = Buffer.from(await (await fetch(`${simulator.url}/api/tickets?page=1&pageSize=1`)).arrayBuffer());
      const entry = (simulator.feed as SimulatedFeed).entries()[0]!;
      expect(wire.includes(Buffer.from(entry.record.text, 'utf8'))).toBe(false);
      expect(wire.includes(iconv.encode(entry.record.text, 'gbk'))).toBe(true);

      await harness.service.puller!.pullOnce();
      const ticket = ticketOf(entry);
      const report = await harness.report(ticket.gdbh);
      expect(report).toMatchObject({
        sourceId: ticket.gdbh,
        title: entry.record.title,
        text: entry.record.text,
        address: entry.record.address,
        intakeMode: 'ONLINE',
        location: null,
        contact: `${entry.record.contact.slice(0, 3)}****${entry.record.contact.slice(-4)}`,
      });
      // "2026/11/20 08:00:00" Beijing time is 00:00 UTC.
      expect(new Date(report!.receivedAt).getTime()).toBe(Math.floor(entry.record.reportedAt.getTime() / 1000) * 1000);

      const response = await fetch(harness.served.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...gatewayHeaders(undefined) },
        body: JSON.stringify({
          query: `query($r: [_Any!]!) { _entities(representations: $r) { ... on Report { hotlineTicket { ticketNo callTime agentId agentName callbackWanted agentCategory status reply } } } }`,
          variables: { r: [{ __typename: 'Report', channel: 'HOTLINE', sourceId: ticket.gdbh }, { __typename: 'Report', channel: 'GRID', sourceId: ticket.gdbh }] },
        }),
      });
      const { data } = (await response.json()) as { data: { _entities: { hotlineTicket: Record<string, unknown> | null }[] } };
      expect(data._entities[0]!.hotlineTicket).toEqual({
        ticketNo: ticket.gdbh,
        callTime: report!.receivedAt,
        agentId: ticket.slzx.split(' ')[0],
        agentName: ticket.slzx.split(' ')[1],
        callbackWanted: ticket.sfhf === '是',
        agentCategory: ticket.sqfl,
        status: '已受理',
        reply: null,
      });
      expect(data._entities[1]!.hotlineTicket).toBeNull();
    } finally {
      await harness.close();
      await simulator.close();
    }
  });
});
