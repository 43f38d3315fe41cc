/**
 * `npm run bench:limits [-- --cases N --rounds R --seconds S --concurrency C]`: what the gateway's limits
 * cost the command centre, as JSON (progress on stderr).
 *
 * One embedded hub on PGlite is filled with N cases (default 400) across streets, categories and the last
 * 30 days; two gateways over its subgraphs then answer the dashboard's own query (read from the page,
 * subgraphs/analytics/src/dashboard/dashboard.js) as fast as C clients (default 4) ask:
 * - on: every limit at its default (depth, aliases, tokens, cost, directives, body size, and the rate
 *   limiter counting each request, its allowance raised so the bench itself is never refused) and
 *   production's rules (no introspection, hints hidden);
 * - off: every limit off and development's rules: the gateway as it was before the limits.
 * R rounds (default 3) of S seconds (default 10) per mode, interleaved (on/off, then off/on, …) so drift on
 * shared cores falls on both alike. Per mode: requests/s, and the process's CPU per request (steadier on
 * shared cores; clients, gateways, subgraphs and PGlite all run in this one process). The target is limits
 * costing under 5 %: requestsPerSecondRatio (on/off) above 0.95.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { testBackends } from '@huying/runtime';
import { DEVELOPMENT_OPERATORS_FILE, gatewaySettings, type GatewayLimits } from '../src/config';
import { startGateway, type RunningGateway } from '../src/gatewayServer';
import { startHub, type RunningHub } from '../src/hub';
import { OperatorDirectory, readOperatorsFile } from '../src/operators';
import { readSupergraph } from '../src/supergraphFile';

const arg = (name: string, fallback: number) => {
  const at = process.argv.indexOf(`--${name}`);
  const value = at >= 0 ? process.argv[at + 1] : process.argv.find((given) => given.startsWith(`--${name}=`))?.split('=')[1];
  return value === undefined ? fallback : Number(value);
};
const CASES = arg('cases', 400);
const ROUNDS = arg('rounds', 3);
const SECONDS = arg('seconds', 10);
const CONCURRENCY = arg('concurrency', 4);

// The embedded hub's development operators (gateway/config/operators.development.json).
const ADMIN = { authorization: 'Bearer hyop_dev_admin' };
const COMMAND_CENTRE = { authorization: 'Bearer hyop_dev_command_centre' };

const MODES: Record<'on' | 'off', { limits: GatewayLimits; development: boolean }> = {
  on: { limits: { ...gatewaySettings.limits, rateLimitPerMinute: 1e9 }, development: false },
  off: { limits: { maxDepth: 0, maxAliases: 0, maxTokens: 0, maxCost: 0, maxDirectives: 0, rateLimitPerMinute: 0, maxBodyBytes: 50 * 1024 * 1024 }, development: true },
};

const progress = (message: string) => process.stderr.write(`${message}\n`);

/** The page's query itself, so the bench measures what the wall screen asks (its string literals, joined). */
function dashboardQuery(): string {
  const page = readFileSync(join(__dirname, '..', '..', 'subgraphs', 'analytics', 'src', 'dashboard', 'dashboard.js'), 'utf8');
  const declaration = /var QUERY = ([\s\S]*?);\n/.exec(page)?.[1];
  if (!declaration) throw new Error('the dashboard page no longer declares `var QUERY = …;`');
  return [...declaration.matchAll(/'((?:[^'\\]|\\.)*)'/g)].map((literal) => literal[1]!.replace(/\\n/g, '\n')).join('');
}

async function post(url: string, query: string, variables: Record<string, unknown>, headers: Record<string, string>) {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
  const body = (await response.json()) as { data?: Record<string, any>; errors?: unknown[] };
  if (body.errors || !body.data) throw new Error(`${response.status}: ${JSON.stringify(body.errors ?? body).slice(0, 500)}`);
  return body.data;
}

const PLACES = [
  { address: '江岸区二七路', lng: 114.3149, lat: 30.6262 },
  { address: '江岸区工农路', lng: 114.3215, lat: 30.6318 },
  { address: '江岸区台北路', lng: 114.2766, lat: 30.6017 },
  { address: '江岸区香港路', lng: 114.284, lat: 30.5987 },
  { address: '江岸区大智路', lng: 114.2899, lat: 30.5866 },
  { address: '江岸区兴业路', lng: 114.2835, lat: 30.6391 },
  { address: '江岸区黄浦路', lng: 114.3033, lat: 30.6133 },
];
const MATTERS = [
  { hint: '排水', text: '雨水井堵塞，路面积水' },
  { hint: '路灯', text: '路灯不亮，晚上很黑' },
  { hint: '占道经营', text: '门口有人占道经营' },
  { hint: '噪音', text: '夜间施工噪音扰民' },
  { hint: '垃圾', text: '垃圾堆放无人清运' },
];

/** N reports, each its own case: different places, matters and numbers, spread over the last 30 days. */
async function fill(hub: RunningHub, now: number): Promise<void> {
  const reports = Array.from({ length: CASES }, (_, index) => {
    const place = PLACES[index % PLACES.length]!;
    const matter = MATTERS[Math.floor(index / PLACES.length) % MATTERS.length]!;
    return {
      channel: 'HOTLINE',
      sourceId: `BENCH-LIMITS-${index}`,
      receivedAt: new Date(now - 29 * 86_400_000 + Math.floor((index * 29 * 86_400_000) / CASES)).toISOString(),
      text: `${place.address}${index}号${matter.text}，编号${index * 7919}`,
      address: `${place.address}${index}号`,
      location: { lng: place.lng + (index % 13) / 2000, lat: place.lat + (index % 11) / 2000, crs: 'WGS84' },
      categoryHint: matter.hint,
    };
  });
  await post(hub.url, 'mutation ($r: [ReportInput!]!) { submitReports(reports: $r) { outcome } }', { r: reports }, ADMIN);
}

/** `concurrency` clients asking the dashboard query back to back for `seconds`; every answer must be whole. */
async function round(gateway: RunningGateway, query: string, variables: Record<string, unknown>, seconds = SECONDS) {
  let requests = 0;
  const cpu = process.cpuUsage();
  const started = performance.now();
  const until = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < until) {
        await post(gateway.url, query, variables, COMMAND_CENTRE);
        requests += 1;
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  return { requests, requestsPerSecond: requests / elapsed, cpuMsPerRequest: (used.user + used.system) / 1000 / requests };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const round2 = (value: number) => Math.round(value * 100) / 100;

async function main() {
  const backend = testBackends().find((candidate) => candidate.kind === 'pglite')!;
  const { db, dispose } = await backend.open();
  const hub = await startHub({ db, simulators: false });
  const gateways: Partial<Record<keyof typeof MODES, RunningGateway>> = {};
  try {
    const now = Date.now();
    progress(`submitting ${CASES} reports`);
    await fill(hub, now);
    const query = dashboardQuery();
    const variables = { from: new Date(now - 30 * 86_400_000).toISOString(), to: new Date(now + 60_000).toISOString() };
    // The analytics read model follows the cases' events: wait until it has counted them all.
    const caseCount = (await post(hub.url, '{ cases(first: 0) { totalCount } }', {}, ADMIN)).cases.totalCount as number;
    for (let waited = 0; ; waited += 250) {
      const total = (await post(hub.url, query, variables, COMMAND_CENTRE)).total[0]?.cases ?? 0;
      if (total >= caseCount) break;
      if (waited > 120_000) throw new Error(`analytics counted ${total} of ${caseCount} cases after 2 minutes`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    progress(`${caseCount} cases in the read model`);

    const subgraphBases = Object.fromEntries(Object.entries(hub.subgraphs).map(([name, served]) => [name, served.base]));
    const operators = new OperatorDirectory(readOperatorsFile(DEVELOPMENT_OPERATORS_FILE));
    for (const mode of ['on', 'off'] as const) {
      gateways[mode] = await startGateway({ supergraphSdl: readSupergraph(), subgraphBases, operators, ...MODES[mode] });
    }
    const sample = await post(gateways.on!.url, query, variables, COMMAND_CENTRE);
    const rounds: Record<keyof typeof MODES, Awaited<ReturnType<typeof round>>[]> = { on: [], off: [] };
    progress('warming both gateways up');
    for (const mode of ['on', 'off'] as const) await round(gateways[mode]!, query, variables, Math.min(3, SECONDS));
    for (let index = 0; index < ROUNDS; index++) {
      for (const mode of index % 2 ? (['off', 'on'] as const) : (['on', 'off'] as const)) {
        const result = await round(gateways[mode]!, query, variables);
        rounds[mode].push(result);
        progress(`round ${index + 1}/${ROUNDS} limits ${mode}: ${result.requestsPerSecond.toFixed(1)} requests/s, ${result.cpuMsPerRequest.toFixed(2)} ms CPU per request`);
      }
    }

    const summary = (mode: keyof typeof MODES) => ({
      requests: rounds[mode].reduce((sum, result) => sum + result.requests, 0),
      requestsPerSecond: round2(median(rounds[mode].map((result) => result.requestsPerSecond))),
      cpuMsPerRequest: round2(median(rounds[mode].map((result) => result.cpuMsPerRequest))),
      rounds: rounds[mode].map((result) => ({ requestsPerSecond: round2(result.requestsPerSecond), cpuMsPerRequest: round2(result.cpuMsPerRequest) })),
    });
    const on = summary('on');
    const off = summary('off');
    const ratio = on.requestsPerSecond / off.requestsPerSecond;
    console.log(
      JSON.stringify(
        {
          benchmark: 'limits',
          storage: 'pglite',
          query: 'the dashboard page (Dashboard: kpis, kpis by street, trends, hotspots, openCaseMap(first: 500))',
          cases: caseCount,
          openCasesOnMap: (sample.openCaseMap as unknown[]).length,
          rounds: ROUNDS,
          secondsPerRound: SECONDS,
          concurrency: CONCURRENCY,
          limitsOn: { ...MODES.on.limits, rateLimitPerMinute: 'counted, allowance raised to 1e9', development: false },
          on,
          off,
          requestsPerSecondRatio: round2(ratio),
          cpuPerRequestRatio: round2(on.cpuMsPerRequest / off.cpuMsPerRequest),
          limitsCostPercent: round2((1 - ratio) * 100),
          target: 'limits cost < 5 % (requestsPerSecondRatio > 0.95)',
        },
        null,
        2,
      ),
    );
  } finally {
    for (const gateway of Object.values(gateways)) await gateway.close();
    await hub.close();
    await dispose();
  }
}

void main().catch((error) => {
  console.error(error);
  process.exit(1);
});
