import { testBackends } from '@huying/runtime';
import { graphql } from './support/graphql';
import { startTestHub, type HubUnderTest } from './support/hub';
import { asOperator } from './support/operators';

const ADMIN = asOperator('ADMIN');
const SUBMIT = `mutation($r: [ReportInput!]!) { submitReports(reports: $r) { outcome } }`;
const INGEST = `mutation($records: [JSON!]!) { ingestLegacyRecords(channel: HOTLINE, records: $records) { taken deadLettered } }`;

const reports = (count: number, prefix: string) =>
  Array.from({ length: count }, (_, index) => ({
    channel: 'HOTLINE',
    sourceId: `${prefix}-${index}`,
    receivedAt: '2026-11-20T10:00:00+08:00',
    text: `江岸区某路${index}号路灯不亮`,
  }));

describe.each(testBackends())('the batch-size cap through the gateway on $kind', (backend) => {
  let under: HubUnderTest;
  beforeAll(async () => (under = await startTestHub(backend)));
  afterAll(() => under.stop());

  const reportRows = async () => (await under.db.query<{ count: number }>('SELECT count(*)::int AS count FROM cases.report'))[0]!.count;

  it.each([
    [10_000, 'at most 1000 reports per call; this call has 10000'],
    [1001, 'at most 1000 reports per call; this call has 1001'],
  ])('refuses a submitReports call of %i reports whole, naming the limit, and writes nothing', async (size, message) => {
    const started = Date.now();
    const result = await graphql(under.hub.url, SUBMIT, { r: reports(size, `cap-${size}`) }, ADMIN);
    expect(result.data?.submitReports ?? null).toBeNull();
    expect(result.errors).toHaveLength(1);
    expect(result.errors![0]!.message).toBe(message);
    expect(result.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', limit: 1000, size });
    expect(JSON.stringify(result)).not.toMatch(/https?:\/\/|stacktrace/i);
    // Refused before a report is read, so it costs little however many were sent.
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(await reportRows()).toBe(0);
  });

  it('refuses an ingestLegacyRecords call over the cap the same way', async () => {
    const records = Array.from({ length: 1001 }, (_, index) => ({ gdbh: `GD-CAP-${index}` }));
    const result = await graphql(under.hub.url, INGEST, { records }, ADMIN);
    expect(result.data ?? null).toBeNull();
    expect(result.errors![0]!.message).toBe('at most 1000 records per call; this call has 1001');
    expect(result.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', limit: 1000, size: 1001 });
    expect(await reportRows()).toBe(0);
  });
});
