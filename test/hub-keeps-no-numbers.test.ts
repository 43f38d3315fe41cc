import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { eventually } from './support/eventually';
import { graphql } from './support/graphql';
import { hubInTempFolder } from './support/hubProcess';

/**
 * `npm start` as a new user runs it, simulators feeding it callers' numbers, plus numbers and a name sent
 * through the graph: afterwards neither its data folder nor its log holds a mobile number in clear.
 */
const SENT = ['13922223333', '13944445555', '13966667777'];
const NAME = '司马相如';
// A mobile number standing alone (not inside a longer run of digits, a UUID or a sealed value).
const MOBILE = /(?<![0-9A-Za-z_-])1[3-9]\d{9}(?![0-9A-Za-z_-])/g;

function mobilesIn(bytes: Buffer): string[] {
  return [...bytes.toString('latin1').matchAll(MOBILE)].map((match) => match[0]);
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe('the embedded hub keeps no number in clear', () => {
  const { dir, start } = hubInTempFolder('huying-hub-');

  it('in its data folder or its log, after the simulators and the graph fed it numbers', async () => {
    const hub = await start({ LOG_LEVEL: 'debug', HUYING_HOTLINE_SCHEDULE: '*/2 * * * * *' });
    try {
      const url = hub.url;
      const admin = { authorization: 'Bearer hyop_dev_admin' };
      const submitted = await graphql(url, 'mutation ($r: [ReportInput!]!) { submitReports(reports: $r) { report { contact } } }', {
        r: [{ channel: 'GRID', sourceId: 'NUM-1', receivedAt: '2026-11-20T12:00:00+08:00', text: `黄浦路路面塌陷，请联系${SENT[1]}`, address: '江岸区黄浦路', contact: SENT[0] }],
      }, admin);
      expect(submitted.data!.submitReports[0].report.contact).toBe('139****3333');
      const ingested = await graphql(url, 'mutation ($r: [JSON!]!) { ingestLegacyRecords(channel: HOTLINE, records: $r) { deadLettered } }', {
        r: [{ gdbh: 'GD-NUM-2', ldsj: 'never', ldhm: SENT[2], lxr: NAME, sqbt: '噪音', sqnr: '夜间施工噪音', fsdz: '江岸区', sqfl: '环境-噪音', slzx: '1 测试', sfhf: '是', gdzt: '已受理', blfk: '', xgsj: 'never' }],
      }, admin);
      expect(ingested.data!.ingestLegacyRecords.deadLettered).toBe(1);
      // The simulated 12345 system's callers have been pulled (their numbers went through the hub).
      await eventually(async () => {
        const state = await graphql(url, '{ connectors { channel pulled } }', {}, admin);
        return state.data?.connectors.find((connector: { channel: string; pulled: number }) => connector.channel === 'HOTLINE' && connector.pulled > 0);
      }, 'the hotline connector to pull', 60_000);
    } finally {
      // The hub exits once it has closed PGlite (which removes its pid file).
      await hub.stop('SIGTERM');
    }
    expect(await hub.exited).toEqual({ code: 0, signal: null });
    const log = hub.output();
    expect(log).toContain('Huying 呼应 is up');
    const inFiles = filesUnder(dir).flatMap((file) => mobilesIn(readFileSync(file)).map((number) => `${file}: ${number}`));
    expect(inFiles).toEqual([]);
    expect(log.match(MOBILE) ?? []).toEqual([]);
    for (const clear of [...SENT, NAME]) expect(log).not.toContain(clear);
    const nameBytes = Buffer.from(NAME, 'utf8');
    expect(filesUnder(dir).filter((file) => readFileSync(file).includes(nameBytes))).toEqual([]);
  }, 240_000);
});
