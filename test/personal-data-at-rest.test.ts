import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChannelSubgraph } from '@huying/connector-kit';
import { startHub, type RunningHub } from '@huying/gateway';
import { ManualClock, openDatabase, testBackends, type Database } from '@huying/runtime';
import { graphql } from './support/graphql';

/**
 * A caller's number and name, sent every way the hub takes them in (a hotline work order, one that cannot
 * be mapped and becomes a dead letter, a report through the graph, a number typed into a text), are
 * nowhere in clear at rest, and the graph shows them masked except to the role that must see them.
 */
const NUMBERS = { ticket: '13911112222', deadLetter: '13933334444', submitted: '13955556666', inText: '13977778888' };
const NAME = '欧阳明远';
const ADMIN = { authorization: 'Bearer hyop_dev_admin' };
const COMMAND_CENTRE = { authorization: 'Bearer hyop_dev_command_centre' };

const ticket = (gdbh: string, ldhm: string, ldsj = '2026/11/20 11:30:00') => ({
  gdbh, ldsj, ldhm, lxr: NAME, sqbt: '路灯不亮', sqnr: `江大路路灯不亮，请回电${NUMBERS.inText}`, fsdz: '江岸区江大路', sqfl: '市政设施-路灯',
  slzx: '1034 刘芳', sfhf: '是', gdzt: '已受理', blfk: '', xgsj: ldsj,
});

async function feed(hub: RunningHub): Promise<void> {
  const hotline = hub.services.hotline as ChannelSubgraph<unknown>;
  await hotline.puller!.pullOnce().catch(() => hotline.puller!.pullOnce());
  const ingested = await graphql(hub.url, 'mutation ($r: [JSON!]!) { ingestLegacyRecords(channel: HOTLINE, records: $r) { taken deadLettered } }', {
    r: [ticket('GD-PII-1', NUMBERS.ticket), ticket('GD-PII-2', NUMBERS.deadLetter, 'not a time')],
  }, ADMIN);
  expect(ingested.errors).toBeUndefined();
  expect(ingested.data!.ingestLegacyRecords).toMatchObject({ deadLettered: 1 });
  const submitted = await graphql(hub.url, 'mutation ($r: [ReportInput!]!) { submitReports(reports: $r) { report { contact text } } }', {
    r: [{ channel: 'GRID', sourceId: 'PII-3', receivedAt: '2026-11-20T12:00:00+08:00', text: `台北路井盖缺失，联系${NUMBERS.inText}`, address: '江岸区台北路', contact: NUMBERS.submitted }],
  }, COMMAND_CENTRE);
  expect(submitted.data!.submitReports[0].report).toEqual({ contact: '139****6666', text: '台北路井盖缺失，联系139****8888' });
}

/** Every text-like column of every table, searched for each needle. */
async function clearInTables(db: Database): Promise<string[]> {
  const columns = await db.query<{ table_schema: string; table_name: string; column_name: string }>(
    `SELECT c.table_schema, c.table_name, c.column_name FROM information_schema.columns c
       JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
      WHERE c.table_schema NOT IN ('pg_catalog', 'information_schema') AND c.data_type IN ('text', 'jsonb', 'json', 'character varying', 'ARRAY')`,
  );
  const found: string[] = [];
  for (const column of columns) {
    const [row] = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM "${column.table_schema}"."${column.table_name}" WHERE "${column.column_name}"::text ~ $1`,
      [[...Object.values(NUMBERS), NAME].join('|')],
    );
    if (row!.n > 0) found.push(`${column.table_schema}.${column.table_name}.${column.column_name}`);
  }
  return found;
}

function clearInFiles(dir: string): string[] {
  const needles = [...Object.values(NUMBERS), NAME].map((needle) => Buffer.from(needle, 'utf8'));
  const found: string[] = [];
  const walk = (path: string) => {
    if (statSync(path).isDirectory()) return readdirSync(path).forEach((name) => walk(join(path, name)));
    const bytes = readFileSync(path);
    if (needles.some((needle) => bytes.includes(needle))) found.push(path);
  };
  walk(dir);
  return found;
}

async function deadLetterPayloads(hub: RunningHub, headers: Record<string, string>) {
  const answer = await graphql(hub.url, '{ deadLetters(channel: HOTLINE) { nodes { payload reason } } }', {}, headers);
  expect(answer.errors).toBeUndefined();
  return answer.data!.deadLetters.nodes.map((node: { payload: Record<string, unknown> }) => node.payload).filter((payload: any) => payload.gdbh === 'GD-PII-2');
}

describe('personal data at rest', () => {
  it('is nowhere in clear in a PGlite data folder, and dead letters are masked except to ADMIN', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'huying-pii-'));
    try {
      const db = await openDatabase({ dataDir: dir });
      const hub = await startHub({ db, clock: new ManualClock('2026-11-20T04:00:00Z'), simulators: true });
      try {
        await feed(hub);
        const [masked] = await deadLetterPayloads(hub, COMMAND_CENTRE);
        expect(masked).toMatchObject({ ldhm: '139****4444', lxr: '欧***', sqnr: '江大路路灯不亮，请回电139****8888' });
        const [clear] = await deadLetterPayloads(hub, ADMIN);
        expect(clear).toMatchObject({ ldhm: NUMBERS.deadLetter, lxr: NAME });
        expect(await clearInTables(db)).toEqual([]);
      } finally {
        await hub.close();
        await db.close();
      }
      expect(clearInFiles(dir)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  const server = testBackends().find((backend) => backend.kind === 'postgres');
  (server ? it : it.skip)('is nowhere in clear in the tables of a PostgreSQL server', async () => {
    const { db, dispose } = await server!.open();
    const hub = await startHub({ db, clock: new ManualClock('2026-11-20T04:00:00Z'), simulators: true });
    try {
      await feed(hub);
      expect(await clearInTables(db)).toEqual([]);
    } finally {
      await hub.close();
      await dispose();
    }
  });
});
