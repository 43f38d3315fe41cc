/**
 * `npm run bench:gateway [-- --cases=N --facts=F --seconds=S --rounds=R]` (PostgreSQL: TEST_DATABASE_URL or
 * DATABASE_URL), as JSON: two hubs as their own processes (`npm start`'s compiled hub) on one database holding
 * N cases taken through intake (default 300) and F more cases written straight into the read model over the
 * last year (default 0; 1000000 for the city-scale figure: the dashboard's aggregates then read 10⁶ cases),
 * one hub with the response caches on and one with them off (HUYING_RESPONSE_CACHE=off), loaded by
 * autocannon with 32 connections for S seconds (default 10) a run, R rounds (default 3) interleaved:
 *  - the command-centre dashboard's query (the page's own, as a signed-in command centre) through the gateway,
 *    caches on and off, and asked of the analytics subgraph directly with the caches off (the gateway's floor;
 *    through the gateway, identical questions in flight at once still reach analytics once);
 *  - `{ __typename }` through the same gateway (the gateway's own floor);
 *  - the operator list (50 cases with their handling and ratings) through the gateway, caches on (kept until the
 *    next commit the hub hears) and off.
 * Prints each run's requests a second and latency, and the medians' ratios (a run with a non-2xx answer
 * or an error stops the benchmark: the rate limit is off for it). Progress on stderr.
 */
import autocannon from 'autocannon';
import { DASHBOARD_QUERY } from '@huying/analytics';
import { gatewayHeaders, testBackends } from '@huying/runtime';
import { fillCaseFacts } from '../../subgraphs/analytics/bench/syntheticFacts';
import { OPERATOR_LIST } from '../support/operatorList';
import { startHubProcess, type Hub } from './hubProcess';
import { graphqlData } from './latency';
import { readModelCaughtUp } from '../support/readModel';

const arg = (name: string, fallback: number) => Number(process.argv.find((value) => value.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const CASES = arg('cases', 300);
const FACTS = arg('facts', 0);
const SECONDS = arg('seconds', 10);
const ROUNDS = arg('rounds', 3);
const CONNECTIONS = 32;
// the embedded hub's development operators (gateway/config/operators.development.json)
const ADMIN = { authorization: 'Bearer hyop_dev_admin' };
const COMMAND_CENTRE = { authorization: 'Bearer hyop_dev_command_centre' };
const progress = (message: string) => process.stderr.write(`[bench:gateway] ${message}\n`);

const STREETS = ['二七路', '解放大道', '胜利街', '黎黄陂路', '中山大道', '沿江大道'];
const PROBLEMS = ['路灯不亮', '井盖缺失', '雨水井堵塞', '夜间施工噪音', '占道经营', '垃圾未清运'];

/** Distinct problems at distinct addresses over the last 25 days: each opens a case of its own. */
function seedReports(count: number) {
  return Array.from({ length: count }, (_, i) => ({
    channel: ['HOTLINE', 'GRID', 'URBAN_MANAGEMENT', 'MESSAGE_BOARD'][i % 4],
    sourceId: `LOAD-${i}`,
    receivedAt: new Date(Date.now() - ((i * 7919) % (25 * 24)) * 3600_000).toISOString(),
    text: `${STREETS[i % STREETS.length]}${i + 1}号${PROBLEMS[(i * 5) % PROBLEMS.length]}，编号${i * 104_729}`,
    address: `江岸区${STREETS[i % STREETS.length]}${i + 1}号`,
  }));
}

interface Run {
  requestsPerSecond: number;
  latencyMs: { p50: number; p99: number };
}

async function load(url: string, body: string, headers: Record<string, string>): Promise<Run> {
  const result = await autocannon({ url, method: 'POST', connections: CONNECTIONS, duration: SECONDS, body, headers: { 'content-type': 'application/json', ...headers } });
  if (result.errors || result.non2xx) throw new Error(`${result.errors} errors and ${result.non2xx} answers other than 2xx from ${url}`);
  return { requestsPerSecond: Math.round(result.requests.average), latencyMs: { p50: result.latency.p50, p99: result.latency.p99 } };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const ratio = (value: number) => Math.round(value * 100) / 100;

async function main() {
  const server = testBackends().find((backend) => backend.kind === 'postgres');
  if (!server) throw new Error('bench:gateway needs PostgreSQL: set TEST_DATABASE_URL or DATABASE_URL');
  const { url: databaseUrl, db, dispose } = await server.open();
  const hubs: Hub[] = [];
  try {
    // One credential asks thousands of times a second here: the per-credential rate limit is off.
    hubs.push(await startHubProcess('cache-on', databaseUrl!, { HUYING_RATE_LIMIT: '0' }));
    hubs.push(await startHubProcess('cache-off', databaseUrl!, { HUYING_RATE_LIMIT: '0', HUYING_RESPONSE_CACHE: 'off' }));
    const [on, off] = hubs as [Hub, Hub];
    progress(`submitting ${CASES} reports`);
    const reports = seedReports(CASES);
    for (let at = 0; at < reports.length; at += 200) await graphqlData(on.url, 'mutation ($r: [ReportInput!]!) { submitReports(reports: $r) { outcome } }', { r: reports.slice(at, at + 200) }, ADMIN);
    while (!(await readModelCaughtUp(db))) await new Promise((resolve) => setTimeout(resolve, 500));
    if (FACTS > 0) {
      progress(`writing ${FACTS} more cases straight into the read model, over the last year`);
      await fillCaseFacts(db, FACTS, new Date(Date.now() - 365 * 86_400_000), (filled) => progress(`${filled} of ${FACTS} cases written`));
    }
    const to = new Date(Math.ceil(Date.now() / 5000) * 5000 + 3600_000);
    // the page's period (dashboard.js): today and the 29 whole Beijing days before it
    const todayStarts = to.getTime() - ((to.getTime() + 8 * 3600_000) % 86_400_000);
    const variables = { from: new Date(todayStarts - 29 * 86_400_000).toISOString(), to: to.toISOString() };
    const check = await graphqlData(on.url, DASHBOARD_QUERY, variables, COMMAND_CENTRE);
    progress(`the dashboard answers ${check.total[0].cases} cases, ${check.openCaseMap.length} points, ${JSON.stringify(check).length} bytes`);
    const dashboard = JSON.stringify({ query: DASHBOARD_QUERY, variables });
    const trivial = JSON.stringify({ query: '{ __typename }' });
    const operatorList = JSON.stringify({ query: OPERATOR_LIST, variables: { first: 50 } });
    // the analytics subgraph as the gateway asks it for a command centre (its secret and the role it vouches for)
    const subgraphDirect = { url: `${off.subgraphs.analytics}/graphql`, headers: gatewayHeaders('COMMAND_CENTRE') };
    const runs: Record<'cacheOn' | 'cacheOff' | 'subgraphCacheOff' | 'trivial' | 'operatorList' | 'operatorListCacheOff', Run[]> = {
      cacheOn: [],
      cacheOff: [],
      subgraphCacheOff: [],
      trivial: [],
      operatorList: [],
      operatorListCacheOff: [],
    };
    const plan = [
      ['cacheOn', on.url, dashboard, COMMAND_CENTRE],
      ['cacheOff', off.url, dashboard, COMMAND_CENTRE],
      ['subgraphCacheOff', subgraphDirect.url, dashboard, subgraphDirect.headers],
      ['trivial', on.url, trivial, COMMAND_CENTRE],
      ['operatorList', on.url, operatorList, COMMAND_CENTRE],
      ['operatorListCacheOff', off.url, operatorList, COMMAND_CENTRE],
    ] as const;
    // each question answered once without an error before it is loaded (a 200 may carry GraphQL errors)
    for (const [name, url, body, headers] of plan) {
      const { query, variables: asked } = JSON.parse(body) as { query: string; variables?: Record<string, unknown> };
      await graphqlData(url, query, asked, headers).catch((error: Error) => {
        throw new Error(`${name} is not answered: ${error.message}`);
      });
    }
    for (let round = 1; round <= ROUNDS; round++) {
      for (const [name, url, body, headers] of plan) {
        progress(`round ${round}/${ROUNDS}: ${name}, ${CONNECTIONS} connections for ${SECONDS} s`);
        runs[name].push(await load(url, body, headers));
      }
    }
    const rate = (name: keyof typeof runs) => median(runs[name].map((run) => run.requestsPerSecond));
    process.stdout.write(
      `${JSON.stringify(
        {
          cases: CASES + FACTS,
          casesThroughIntake: CASES,
          connections: CONNECTIONS,
          secondsPerRun: SECONDS,
          rounds: ROUNDS,
          medianRequestsPerSecond: {
            dashboardCacheOn: rate('cacheOn'),
            dashboardCacheOff: rate('cacheOff'),
            dashboardSubgraphDirectCacheOff: rate('subgraphCacheOff'),
            trivialQuery: rate('trivial'),
            operatorList: rate('operatorList'),
            operatorListCacheOff: rate('operatorListCacheOff'),
          },
          medianLatencyMs: {
            dashboardSubgraphDirectCacheOffP50: median(runs.subgraphCacheOff.map((run) => run.latencyMs.p50)),
            operatorListP99: median(runs.operatorList.map((run) => run.latencyMs.p99)),
            operatorListCacheOffP99: median(runs.operatorListCacheOff.map((run) => run.latencyMs.p99)),
          },
          ratios: {
            cachedDashboardToTrivial: ratio(rate('cacheOn') / rate('trivial')),
            cacheOnToOff: ratio(rate('cacheOn') / rate('cacheOff')),
            gatewayToSubgraphCacheOff: ratio(rate('cacheOff') / rate('subgraphCacheOff')),
            operatorListCacheOnToOff: ratio(rate('operatorList') / rate('operatorListCacheOff')),
          },
          runs,
        },
        null,
        2,
      )}\n`,
    );
  } finally {
    for (const hub of hubs) await hub.stop();
    await dispose();
  }
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
