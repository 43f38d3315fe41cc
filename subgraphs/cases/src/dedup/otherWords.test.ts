import { ManualClock, testBackends } from '@huying/runtime';
import { filterIntake } from '../../test-support/filterIntake.fixture';

// Two people, two channels, two wordings of one missing manhole cover: one case.
describe.each(testBackends())('the same issue in other words, through intake, on $kind', (backend) => {
  const clock = new ManualClock('2026-11-20T06:00:00Z');
  const { take } = filterIntake(backend, clock);
  const call = {
    channel: 'HOTLINE',
    sourceId: 'GD-0412',
    receivedAt: '2026-11-20T12:49:00+08:00',
    text: '黎黄陂路与胜利街交叉口窨井盖丢了，很危险',
    contact: '13912345678',
  };
  const gridReport = {
    channel: 'GRID',
    sourceId: 'WG-88071',
    receivedAt: '2026-11-20T12:53:00+08:00',
    text: '胜利街黎黄陂路路口井盖缺失，有安全隐患',
  };

  it('merges a grid worker’s report 4 minutes and 15 m from a hotline call, worded otherwise', async () => {
    const first = await take({ ...call, location: { lng: 114.2937, lat: 30.5878 } });
    const second = await take({ ...gridReport, location: { lng: 114.29385, lat: 30.5878 } });
    expect(second).toMatchObject({ outcome: 'MERGED', case: { id: first.case.id } });
  });

  it('merges them by the crossing they both name when neither has coordinates', async () => {
    const first = await take(call);
    expect(await take(gridReport)).toMatchObject({ outcome: 'MERGED', case: { id: first.case.id } });
  });

  it('keeps another problem at the same crossing, and the same problem at another crossing, apart', async () => {
    const first = await take(call);
    const lamp = await take({ ...gridReport, sourceId: 'WG-88072', text: '胜利街黎黄陂路路口路灯不亮，晚上很黑' });
    const elsewhere = await take({ ...gridReport, sourceId: 'WG-88073', text: '胜利街与南京路路口井盖缺失，有安全隐患' });
    expect(lamp.outcome).toBe('NEW_CASE');
    expect(elsewhere.outcome).toBe('NEW_CASE');
    expect(new Set([first.case.id, lamp.case.id, elsewhere.case.id]).size).toBe(3);
  });
});
