import type { ChannelSubgraph } from '@huying/connector-kit';
import { ManualClock, testBackends } from '@huying/runtime';
import { eventually } from './support/eventually';
import { graphql } from './support/graphql';
import { CITY_BEHAVIOUR, gatewaySettings } from '@huying/gateway';
import { startTestHub, type HubUnderTest } from './support/hub';
import { asOperator } from './support/operators';

const PLACED = `{ cases(first: 500) { nodes { status currentAssignment { id } } } }`;
const KPIS = `query ($from: DateTime!, $to: DateTime!) { kpis(from: $from, to: $to) { cases respondedOnTime resolved evaluated satisfied responseRate resolutionRate satisfactionRate } }`;

/**
 * The embedded hub with its simulators closes the loop on its own: the channels' calls come in, department
 * systems (each with its own key) sign and resolve, citizens rate on the 回访 — ten minutes on a fast clock,
 * with the history and pace `npm start` gives the simulated city. The 三率 land near the seeds the city's
 * behaviour follows (通州 2023: 响应 99.93 %, 解决 93.81 %, 满意 94.93 %); cases still waiting for their
 * department or their 回访 at the end keep them a little below.
 */
describe.each(testBackends())('the simulated city on $kind', (backend) => {
  let under: HubUnderTest;
  const clock = new ManualClock('2026-11-20T02:00:00Z');
  beforeAll(async () => (under = await startTestHub(backend, { clock, simulators: true, cityEveryMs: 0, simulatorPace: gatewaySettings.simulatorPace })));
  afterAll(() => under.stop());

  it('turns the dead loop into 三率 near the seeds within ten minutes', async () => {
    const started = clock.now();
    const done = { signed: 0, resolved: 0, escalated: 0, evaluated: 0, refused: 0 };
    for (let step = 0; step < 20; step++) {
      clock.advance(30_000);
      for (const name of ['hotline', 'message-board', 'urban-management', 'grid']) {
        await (under.hub.services[name] as ChannelSubgraph<unknown>).puller!.pullOnce().catch(() => undefined);
      }
      // Departments act on what dispatch has placed: wait for it to follow the events, however busy the machine.
      await eventually(async () => {
        const nodes = (await graphql(under.hub.url, PLACED, {}, asOperator('COMMAND_CENTRE'))).data?.cases.nodes as { status: string; currentAssignment: unknown }[] | undefined;
        return nodes?.every((node) => node.status === 'MERGED' || node.currentAssignment !== null);
      }, 'dispatch to place every case');
      await new Promise((resolve) => setTimeout(resolve, 100)); // feedback follows the events too
      const tick = await under.hub.city!.tick();
      for (const key of Object.keys(done) as (keyof typeof done)[]) done[key] += tick[key];
    }
    expect(done.signed).toBeGreaterThan(10);
    expect(done.resolved).toBeGreaterThan(5);
    expect(done.evaluated).toBeGreaterThan(0);

    // Departments answer up to four minutes after dispatch (CITY_BEHAVIOUR): the cases of the last four are still theirs.
    const answered = clock.now().getTime() - CITY_BEHAVIOUR.answerWithinSeconds[1] * 1000;
    const period = { from: new Date(started.getTime() - 2 * 86_400_000).toISOString(), to: new Date(answered).toISOString() };
    const kpis = await eventually(async () => {
      const row = (await graphql(under.hub.url, KPIS, period, asOperator('SUPERVISOR'))).data?.kpis[0];
      return row && row.resolved > 0 && row.evaluated > 0 ? row : null;
    }, 'the read model to count the simulated handling');
    expect(kpis.cases).toBeGreaterThan(10);
    expect(kpis.responseRate).toBeGreaterThan(0.95);
    expect(kpis.resolutionRate).toBeGreaterThan(0.8);
    expect(kpis.satisfactionRate).toBeGreaterThan(0.8);
  }, 240_000);
});
