import { graphqlIntake } from '@huying/connector-kit';
import { startConnectorHarness, TEST_INTAKE, type ConnectorHarness } from '@huying/connector-kit/testing';
import { gatewayHeaders, ManualClock, testBackends, type Database } from '@huying/runtime';
import type { ReportInput } from '@huying/schema';
import type { LegacyTicket } from './legacyTicket';
import { hotlineService } from './service';

/** A sound ticket; each test spoils one field of a copy. */
const ticket = (gdbh: string, patch: Partial<LegacyTicket> = {}): LegacyTicket => ({
  gdbh,
  ldsj: '2026/11/20 08:30:05',
  ldhm: '13912345678',
  lxr: '王先生',
  sqbt: '窨井盖缺失',
  sqnr: `${gdbh}：黎黄陂路口窨井盖缺失，晚上很危险`,
  fsdz: `江岸区黎黄陂路${[...gdbh].reduce((sum, ch) => sum + ch.charCodeAt(0), 0)}号`,
  sqfl: '城市管理-井盖',
  slzx: '1024 李坐席',
  sfhf: '是',
  gdzt: '已受理',
  blfk: '',
  xgsj: '2026/11/20 08:31:00',
  ...patch,
});

// Nothing is pulled: the test hands records to the puller as a backfill or ingestLegacyRecords would.
const NO_SOURCE = { url: 'http://127.0.0.1:9', pageSize: 10, ratePerSecond: 1000 };

describe.each(testBackends())('hotline records with bad values on $kind', (backend) => {
  let db: Database;
  let dispose: () => Promise<void>;
  let harness: ConnectorHarness<LegacyTicket>;
  beforeAll(async () => {
    ({ db, dispose } = await backend.open());
  });
  afterAll(() => dispose());
  beforeEach(async () => {
    let casesUrl = '';
    harness = await startConnectorHarness(db, new ManualClock('2026-11-20T04:00:00Z'), hotlineService({ source: NO_SOURCE, intake: graphqlIntake(() => casesUrl, TEST_INTAKE) }));
    casesUrl = harness.casesUrl;
  });
  afterEach(() => harness.close());

  const openLetters = () => harness.service.store.deadLetters(db, 50, null);

  it('dead-letters each bad record alone and takes the rest of the page', async () => {
    const page = [
      ticket('GD-OK-1'),
      ticket('GD-NUL-TEXT', { sqnr: '井盖\u0000缺失' }),
      ticket('GD-SURROGATE-ADDRESS', { fsdz: '江岸区\ud800黎黄陂路' }),
      ticket('GD-NUL-NATIVE', { blfk: '已派\u0000单' }),
      ticket('GD-SURROGATE-NATIVE', { slzx: '1024 李\udc00坐席' }),
      ticket('GD-\u0000-ID'),
      ticket('GD-BAD-TIME', { ldsj: '2026/13/45 99:00:00' }),
      ticket('GD-NUL-TIME', { ldsj: '2026/11/20\u0000' }),
      ticket('GD-OK-2', { sqnr: '第一行\r\n第二行\t完' }),
    ];
    const counts = await harness.service.puller!.ingest(page);
    await harness.service.puller!.deliverPending();

    expect(counts).toMatchObject({ taken: 2, deadLettered: 7 });
    expect(await harness.report('GD-OK-1')).not.toBeNull();
    expect((await harness.report('GD-OK-2'))?.text).toBe('第一行\r\n第二行\t完');
    expect(await harness.reportCount()).toBe(2);
    const reasons = Object.fromEntries((await openLetters()).map((letter) => [letter.sourceId, letter.reason]));
    expect(reasons).toEqual({
      'GD-NUL-TEXT': expect.stringMatching(/^text must not contain a NUL character \(U\+0000\)/),
      'GD-SURROGATE-ADDRESS': expect.stringMatching(/^address must not contain a lone UTF-16 surrogate \(U\+D800\)/),
      'GD-NUL-NATIVE': expect.stringMatching(/^native\.reply must not contain a NUL character/),
      'GD-SURROGATE-NATIVE': expect.stringMatching(/^native\.agentName must not contain a lone UTF-16 surrogate \(U\+DC00\)/),
      // Kept with the bad character written out, so the dead letter itself can be stored and read.
      'GD-\\u0000-ID': expect.stringMatching(/^sourceId must not contain a NUL character/),
      'GD-BAD-TIME': expect.stringContaining('is not a valid local time'),
      'GD-NUL-TIME': expect.stringContaining('"2026/11/20\\u0000" is not a valid local time'),
    });
  });

  it('keeps a record intake refuses as a dead letter of its own, the rest of the call taken', async () => {
    const reports: ReportInput[] = [
      { channel: 'HOTLINE', sourceId: 'DIRECT-1', receivedAt: new Date('2026-11-20T00:30:00Z'), text: '楼道灯坏了，江岸区胜利街1号' },
      { channel: 'HOTLINE', sourceId: 'DIRECT-2', receivedAt: '2026-02-30T08:00:00+08:00', text: '路灯不亮，江岸区胜利街2号' },
      { channel: 'HOTLINE', sourceId: 'DIRECT-3', receivedAt: new Date('2026-11-20T00:40:00Z'), text: '噪音\u0000扰民，江岸区胜利街3号' },
      { channel: 'HOTLINE', sourceId: 'DIRECT-4', receivedAt: new Date('2026-11-20T00:50:00Z'), text: '垃圾无人清运，江岸区胜利街4号' },
    ];
    // A cap of 3 splits the four into two calls; the answers still line up with the reports.
    const intake = graphqlIntake(() => harness.casesUrl, { ...TEST_INTAKE, maxBatch: 3 });
    const answers = await intake.submit(reports);
    expect(answers.map((answer) => answer.ok)).toEqual([true, false, false, true]);
    expect(answers[1]).toEqual({ ok: false, reason: expect.stringContaining('receivedAt is not a real time: there is no day 30 of 2026-02') });
    expect(answers[2]).toEqual({ ok: false, reason: expect.stringContaining('text must not contain a NUL character') });
  });

  it('refuses an ingest of more records than the cap whole, before any is stored', async () => {
    const records = Array.from({ length: 1001 }, (_, index) => ticket(`GD-MANY-${index}`));
    const response = await fetch(`${harness.served.base}/connector/ingest`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...gatewayHeaders('ADMIN') },
      body: JSON.stringify({ records }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: 'at most 1000 records per call; this call has 1001', limit: 1000, size: 1001 });
    const [row] = await db.query<{ count: number }>('SELECT count(*)::int AS count FROM hotline.source_record');
    expect(row!.count).toBe(0);
  });
});
