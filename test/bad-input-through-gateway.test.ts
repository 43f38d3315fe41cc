import { testBackends } from '@huying/runtime';
import { graphql, type GraphQLResponse } from './support/graphql';
import { startTestHub, type HubUnderTest } from './support/hub';
import { asOperator } from './support/operators';

// Whoever the access rules let submit, an admin may; the other engineer's rules decide the rest.
const ADMIN = asOperator('ADMIN');
const SUBMIT = `mutation($r: [ReportInput!]!) { submitReports(reports: $r) { outcome report { sourceId text } } }`;
// Distinct issues at distinct places, so the duplicate filter keeps each in a case of its own.
const good = (sourceId: string) => ({
  channel: 'GRID',
  sourceId,
  receivedAt: '2026-11-20T10:00:00+08:00',
  text: `${sourceId}号楼门口有人占道经营`,
  address: `江岸区台北路${[...sourceId].reduce((sum, ch) => sum + ch.charCodeAt(0), 0)}号`,
});

type Submitted = { submitReports: ({ report: { sourceId: string; text: string } } | null)[] | null };

describe.each(testBackends())('bad reports through the gateway on $kind', (backend) => {
  let under: HubUnderTest;
  beforeAll(async () => (under = await startTestHub(backend)));
  afterAll(() => under.stop());

  const submit = (reports: unknown[]) => graphql<Submitted>(under.hub.url, SUBMIT, { r: reports }, ADMIN);
  const taken = async (sourceId: string) =>
    (await graphql(under.hub.url, 'query ($s: String!) { report(channel: GRID, sourceId: $s) { id } }', { s: sourceId }, ADMIN)).data!.report !== null;
  const sourceIds = (result: GraphQLResponse<Submitted>) => result.data!.submitReports!.map((item) => item?.report.sourceId ?? null);
  const errorAt = (result: GraphQLResponse<Submitted>, index: number) => result.errors?.find((error) => error.path?.[1] === index);
  /** No answer names a server path, an internal URL or a stack frame. */
  const expectNothingInternal = (result: unknown) => expect(JSON.stringify(result)).not.toMatch(/https?:\/\/|\/work\/|node_modules|\bat [\w.<>]+ \(|stacktrace/i);

  it('names the field and reason of each refused report and still takes the others', async () => {
    const result = await submit([
      good('ok-1'),
      { ...good('bad-text'), text: ' ' },
      { ...good('bad-place'), location: { lng: 114.3, lat: -91 } },
      { ...good('too-long'), text: '扰'.repeat(10_001) },
      good('ok-2'),
    ]);
    expect(sourceIds(result)).toEqual(['ok-1', null, null, null, 'ok-2']);
    expect(errorAt(result, 1)?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reports[1].text' });
    expect(errorAt(result, 2)?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reports[2].location.lat' });
    expect(errorAt(result, 3)?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reports[3].text' });
    for (const [sourceId, expected] of [['ok-1', true], ['bad-text', false], ['bad-place', false], ['too-long', false], ['ok-2', true]] as const) {
      expect(await taken(sourceId)).toBe(expected);
    }
  });

  it('refuses only the report with a NUL byte, in whichever string field it is, and takes the others', async () => {
    const result = await submit([
      good('nul-ok-1'),
      { ...good('nul-title'), title: '占道\u0000经营' },
      { ...good('nul-address'), address: '江岸区\u0000台北路' },
      { ...good('nul-text'), text: '门口有人\u0000占道经营' },
      { ...good('nul-contact'), contact: '1391234\u00005678' },
      { ...good('nul-hint'), categoryHint: '\u0000' },
      { ...good('escape-text'), text: '门口\u001b[31m占道' },
      good('nul-ok-2'),
    ]);
    expect(sourceIds(result)).toEqual(['nul-ok-1', null, null, null, null, null, null, 'nul-ok-2']);
    for (const [index, field] of [[1, 'title'], [2, 'address'], [3, 'text'], [4, 'contact'], [5, 'categoryHint']] as const) {
      const error = errorAt(result, index);
      expect(error?.path).toEqual(['submitReports', index]);
      expect(error?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: `reports[${index}].${field}` });
      expect(error?.message).toContain(`${field} must not contain a NUL character (U+0000)`);
    }
    expect(errorAt(result, 6)?.message).toContain('text must not contain the control character U+001B');
    expect(result.errors).toHaveLength(6);
    expectNothingInternal(result);
    expect(await taken('nul-ok-1')).toBe(true);
    expect(await taken('nul-text')).toBe(false);
    expect(await taken('nul-ok-2')).toBe(true);
  });

  it('refuses only the report with a lone surrogate, sent as raw JSON, and keeps a proper pair intact', async () => {
    // JSON.stringify would write a lone surrogate as \ud800 too; written by hand, the body says exactly what a client sent.
    const report = (sourceId: string, text: string) =>
      `{"channel":"GRID","sourceId":"${sourceId}","receivedAt":"2026-11-20T10:00:00+08:00","text":"${text}","address":"江岸区台北路${sourceId.length}号"}`;
    const body = `{"query":${JSON.stringify(SUBMIT)},"variables":{"r":[${[
      report('lone-ok', '门口占道经营'),
      report('lone-high', '门口\\ud800占道经营'),
      report('lone-low', '门口\\udc00占道经营'),
      report('pair-ok', '门口占道经营\\ud83d\\ude21'),
    ].join(',')}]}}`;
    const response = await fetch(under.hub.url, { method: 'POST', headers: { 'content-type': 'application/json', ...ADMIN }, body });
    const result = (await response.json()) as GraphQLResponse<Submitted>;
    expect(sourceIds(result)).toEqual(['lone-ok', null, null, 'pair-ok']);
    expect(errorAt(result, 1)?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reports[1].text' });
    expect(errorAt(result, 1)?.message).toContain('text must not contain a lone UTF-16 surrogate (U+D800), which is not valid Unicode; found at character 3');
    expect(errorAt(result, 2)?.message).toContain('lone UTF-16 surrogate (U+DC00)');
    // The pair arrived as one character (U+1F621) and is stored and answered as such.
    expect(result.data!.submitReports![3]!.report.text).toBe('门口占道经营😡');
    expectNothingInternal(result);
    expect(await taken('lone-high')).toBe(false);
  });

  it('refuses only the report with an impossible receivedAt, naming reports[i].receivedAt', async () => {
    const result = await submit([
      good('time-ok-1'),
      { ...good('time-impossible'), receivedAt: '2026-13-45T99:00:00Z' },
      { ...good('time-feb-30'), receivedAt: '2026-02-30T10:00:00+08:00' },
      { ...good('time-no-zone'), receivedAt: '2026-11-20 10:00' },
      { ...good('time-number'), receivedAt: 20261120 },
      good('time-ok-2'),
    ]);
    expect(sourceIds(result)).toEqual(['time-ok-1', null, null, null, null, 'time-ok-2']);
    expect(errorAt(result, 1)?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reports[1].receivedAt' });
    expect(errorAt(result, 1)?.message).toBe('reports[1]: receivedAt is not a real time: there is no month 13');
    expect(errorAt(result, 2)?.message).toBe('reports[2]: receivedAt is not a real time: there is no day 30 of 2026-02');
    expect(errorAt(result, 3)?.extensions).toMatchObject({ field: 'reports[3].receivedAt' });
    expect(errorAt(result, 4)?.message).toBe('reports[4]: receivedAt must be a time with a zone (e.g. 2026-11-21T08:30:00+08:00)');
    expectNothingInternal(result);
    expect(await taken('time-ok-1')).toBe(true);
    expect(await taken('time-impossible')).toBe(false);
    expect(await taken('time-ok-2')).toBe(true);
    // What goes in as text with a zone comes out as a DateTime in UTC.
    const report = await graphql(under.hub.url, 'query { report(channel: GRID, sourceId: "time-ok-1") { receivedAt } }', {}, ADMIN);
    expect(report.data!.report.receivedAt).toBe('2026-11-20T02:00:00.000Z');
  });

  it('refuses only the report whose time, written inline in the query, is impossible or not text', async () => {
    const inline = await graphql<Submitted>(
      under.hub.url,
      `mutation { submitReports(reports: [
        { channel: GRID, sourceId: "inline-ok", receivedAt: "2026-11-20T10:00:00+08:00", text: "台北路inline-ok号门口占道经营", address: "江岸区台北路801号" },
        { channel: GRID, sourceId: "inline-bad", receivedAt: "2026-13-45T99:00:00Z", text: "台北路inline-bad号门口占道经营" },
        { channel: GRID, sourceId: "inline-number", receivedAt: 5, text: "台北路inline-number号门口占道经营" }
      ]) { outcome report { sourceId text } } }`,
      {},
      ADMIN,
    );
    expect(sourceIds(inline)).toEqual(['inline-ok', null, null]);
    expect(errorAt(inline, 1)?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reports[1].receivedAt' });
    expect(errorAt(inline, 2)?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reports[2].receivedAt' });
    expectNothingInternal(inline);
  });

  it('refuses a batch with a channel no report can have before anything is written, naming the field', async () => {
    // An enum value outside the schema is the gateway's to refuse while reading the variables.
    const result = await submit([good('typed-1'), { ...good('typed-2'), channel: 'FAX' }]);
    expect(result.data?.submitReports ?? null).toBeNull();
    expect(result.errors?.[0]?.message).toContain('channel');
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expectNothingInternal(result);
    expect(await taken('typed-1')).toBe(false);
  });
});
