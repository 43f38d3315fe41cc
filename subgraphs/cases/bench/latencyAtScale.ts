/**
 * The single-report latency with N cases already stored (`npm run bench:dedup -- --latency-at 1000000`),
 * on PostgreSQL. Pushing a million reports through intake takes hours, so the cases are bulk-loaded
 * with set-based SQL (INSERT … SELECT FROM unnest(arrays), 5,000 rows a statement) — but every row is
 * built by intake's own functions (validateReport, reportFields, reportProfile, lookupKeys,
 * storeProfile), so the stored keys, profiles, hashes and categories are exactly what intake would have filed.
 *
 * Then the real hub (`gateway/src/main.ts`, every subgraph and the gateway, over real HTTP) is started
 * as a child process over that database, and `submitReports` of one report is timed through the
 * gateway; the hub process's RSS is sampled from /proc while it answers.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { OPEN_CASE_STATUSES, validateReport, type CaseStatus } from '@huying/schema';
import type { Database } from '@huying/runtime';
import { Dice } from '@huying/synthetic';
import { reportFields } from '../src/intake';
import { lookupKeys, reportProfile } from '../src/dedup/reportProfile';
import { storeProfile } from '../src/dedup/storedProfile';
import { DISTRICTS, districtStream, inDistrict, REPORTS_PER_DISTRICT_DAY, type CityReport } from './syntheticCity';

const DAY_MS = 86_400_000;
const BATCH = 5_000;

export interface LatencyAtScaleOptions {
  db: Database;
  databaseUrl: string;
  cases: number;
  samples: number;
  warmup: number;
  port: number;
  contactKey: string;
  /**
   * Set when `db` already holds the cases, loaded by `loadCases` at this time (a copy of a template
   * database): only the probes are built again, from the same seeds.
   */
  loadedAt?: number;
  /** Pause between calls (0: back to back, each call right after the last one's answer). */
  gapMs?: number;
}

/** Rows for one batch, built through intake's own functions. */
class Batch {
  cases: unknown[][] = Array.from({ length: 9 }, () => []);
  reports: unknown[][] = Array.from({ length: 17 }, () => []);
  keys: unknown[][] = Array.from({ length: 3 }, () => []);
  size = 0;

  add(input: CityReport, contactKey: string, dice: Dice, now: number): void {
    const valid = validateReport(input);
    if (!valid.ok) throw new Error(`bulk load: invalid synthetic report ${input.sourceId}`);
    const fields = reportFields(valid.value, contactKey);
    const profile = reportProfile(fields);
    const caseId = randomUUID();
    const reportId = randomUUID();
    const at = fields.receivedAt;
    const ageDays = (now - at.getTime()) / DAY_MS;
    // Older cases are mostly done, as in a working city; the filter must skip them cheaply.
    const status: CaseStatus = ageDays > 5 ? dice.weighted<CaseStatus>(['CLOSED', 'RESOLVED', 'IN_PROGRESS', 'DISPATCHED'], [70, 10, 12, 8]) : dice.weighted<CaseStatus>(['RECEIVED', 'DISPATCHED', 'IN_PROGRESS'], [5, 3, 2]);
    const updated = status === 'CLOSED' || status === 'RESOLVED' ? new Date(at.getTime() + dice.int(2, 96) * 3600_000) : at;
    const caseColumns = [caseId, fields.title ?? fields.text.slice(0, 40), status, profile.categoryCode, fields.location?.lng ?? null, fields.location?.lat ?? null, fields.address, at, updated];
    caseColumns.forEach((value, index) => this.cases[index]!.push(value));
    const keys = lookupKeys(profile, fields).own;
    const reportColumns = [reportId, caseId, fields.channel, fields.sourceId, at, fields.title, fields.text, fields.address, fields.location?.lng ?? null, fields.location?.lat ?? null, fields.categoryHint, fields.contactHash, fields.contactMasked, fields.intakeMode, at, JSON.stringify(storeProfile(profile)), JSON.stringify(keys)];
    reportColumns.forEach((value, index) => this.reports[index]!.push(value));
    // As intake and closing leave them: only an open case's reports are filed under their keys.
    if (OPEN_CASE_STATUSES.includes(status)) {
      for (const key of keys) {
        this.keys[0]!.push(key);
        this.keys[1]!.push(reportId);
        this.keys[2]!.push(at);
      }
    }
    this.size += 1;
  }

  async flush(db: Database): Promise<void> {
    if (!this.size) return;
    await db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO cases.case (id, title, status, category_code, lng, lat, address, created_at, updated_at)
         SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::float8[], $6::float8[], $7::text[], $8::timestamptz[], $9::timestamptz[])`,
        this.cases,
      );
      await tx.query(
        `INSERT INTO cases.report (id, case_id, channel, source_id, received_at, title, text, address, lng, lat, category_hint,
                                   contact_hash, contact_masked, intake_mode, created_at, updated_at, match_profile, match_revision, match_keys, match_keys_at)
         SELECT r.id, r.case_id, r.channel, r.source_id, r.received_at, r.title, r.text, r.address, r.lng, r.lat, r.category_hint,
                r.contact_hash, r.contact_masked, r.intake_mode, r.created, r.created, r.profile, 1, ARRAY(SELECT jsonb_array_elements_text(r.keys)), r.received_at
           FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::timestamptz[], $6::text[], $7::text[], $8::text[], $9::float8[], $10::float8[],
                       $11::text[], $12::text[], $13::text[], $14::text[], $15::timestamptz[], $16::text[], $17::jsonb[])
                AS r(id, case_id, channel, source_id, received_at, title, text, address, lng, lat, category_hint, contact_hash, contact_masked, intake_mode, created, profile, keys)`,
        this.reports,
      );
      await tx.query(
        'INSERT INTO cases.match_key (key, report_id, at) SELECT cases.lead_key(key), report_id, at FROM unnest($1::text[], $2::uuid[], $3::timestamptz[]) AS l(key, report_id, at)',
        this.keys,
      );
    });
    this.cases = this.cases.map(() => []);
    this.reports = this.reports.map(() => []);
    this.keys = this.keys.map(() => []);
    this.size = 0;
  }
}

/**
 * Draws `cases` cases (one report each) spread over the districts and the last 60 days, loading them `into`
 * a database when given, and returns probes: each sampled district's next reports after its loaded ones (so
 * some are further reports of issues just loaded, as in real traffic).
 */
async function bulkLoad(
  options: { cases: number; into?: Pick<LatencyAtScaleOptions, 'db' | 'contactKey'> },
  now: number,
  probesWanted: number,
): Promise<CityReport[]> {
  const into = options.into;
  const perDistrict = Math.ceil(options.cases / DISTRICTS);
  // At the city's fixed density, a million cases fill 60 days; fewer fill fewer.
  const spanDays = perDistrict / REPORTS_PER_DISTRICT_DAY;
  const probeDistricts = Math.min(DISTRICTS, 50);
  const probesPerDistrict = Math.ceil(probesWanted / probeDistricts);
  const dice = new Dice(4242);
  const batch = new Batch();
  const shuffle = new Dice(4343);
  const probes: CityReport[] = [];
  let loaded = 0;
  for (let district = 0; district < DISTRICTS && loaded < options.cases; district++) {
    const take = Math.min(perDistrict, options.cases - loaded);
    const extra = district < probeDistricts ? probesPerDistrict : 0;
    let seen = 0;
    for (const report of districtStream(district, new Date(now - (spanDays + 1) * DAY_MS))) {
      const input = inDistrict(report, district, now);
      if (seen >= take) probes.push(input);
      else if (into) {
        batch.add(input, into.contactKey, dice, now);
        if (batch.size >= BATCH) await batch.flush(into.db);
      }
      seen += 1;
      if (seen >= take + extra) break;
    }
    loaded += take;
  }
  if (into) {
    await batch.flush(into.db);
    // As autovacuum would have by now: statistics, and the visibility map that index-only scans rely on.
    await into.db.exec('VACUUM (ANALYZE) cases.case, cases.report, cases.match_key');
  }
  // Shuffled (Fisher–Yates, seeded) so consecutive probes hit different districts.
  for (let at = probes.length - 1; at > 0; at--) {
    const other = shuffle.int(0, at);
    [probes[at], probes[other]] = [probes[other]!, probes[at]!];
  }
  return probes;
}

function rssOf(pid: number): { rss: number; hwm: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rss: kib('VmRSS') * 1024, hwm: kib('VmHWM') * 1024 };
}

async function startHubProcess(options: LatencyAtScaleOptions): Promise<ChildProcess> {
  const root = join(__dirname, '..', '..', '..');
  // The hub's own log (it logs to stdout), kept for when it falls over under the load.
  const logFile = join(process.env.HUYING_DATA ?? '/tmp', 'latency-hub.log');
  const log = openSync(logFile, 'w');
  // `node --import tsx` (not the tsx CLI, which forks): the pid is the hub's own process.
  const hub = spawn(process.execPath, ['--import', 'tsx', 'gateway/src/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: options.databaseUrl,
      PORT: String(options.port),
      HUYING_SIMULATORS: '0',
      HUYING_DATA: process.env.HUYING_DATA ?? '/tmp/huying-bench',
      HUYING_CONTACT_KEY: options.contactKey,
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', log, log],
  });
  hub.once('exit', (code, signal) => process.stderr.write(`hub process exited (code ${code}, signal ${signal}); its log: ${logFile}\n`));
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (hub.exitCode !== null) throw new Error(`hub exited with ${hub.exitCode}`);
    try {
      const response = await fetch(`http://127.0.0.1:${options.port}/health`);
      if (response.ok) return hub;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  hub.kill('SIGTERM');
  throw new Error('hub did not become healthy within 2 minutes');
}

const SUBMIT = 'mutation($r: [ReportInput!]!) { submitReports(reports: $r) { outcome case { id } } }';
/** The hub's development administrator (gateway/config/operators.development.json): only a signed-in caller files reports. */
const ADMIN = 'Bearer hyop_dev_admin';

async function submitOne(url: string, report: CityReport): Promise<string> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: ADMIN }, body: JSON.stringify({ query: SUBMIT, variables: { r: [report] } }) });
  const body = (await response.json()) as { data?: { submitReports: ({ outcome: string } | null)[] }; errors?: { message: string }[] };
  const outcome = body.data?.submitReports[0]?.outcome;
  if (!outcome) throw new Error(`submitReports failed: ${JSON.stringify(body.errors ?? body)}`);
  return outcome;
}

/**
 * The reports that follow the loaded ones, as the latency run's probes are drawn (each sampled district's
 * next reports, shuffled): what the city files next once `cases` are stored at `now`, without loading.
 */
export async function reportsAfterLoad(cases: number, now: number, wanted: number): Promise<CityReport[]> {
  return (await bulkLoad({ cases }, now, wanted)).slice(0, wanted);
}

/** Bulk-loads the cases only, into a database kept as a template for later runs (`--latency-template`). */
export async function loadCases(options: Pick<LatencyAtScaleOptions, 'db' | 'cases' | 'contactKey'>, now: number): Promise<void> {
  await bulkLoad({ cases: options.cases, into: options }, now, 0);
}

export async function latencyAtScale(options: LatencyAtScaleOptions) {
  const now = options.loadedAt ?? Date.now();
  const loadStarted = Date.now();
  const probes = await bulkLoad({ cases: options.cases, into: options.loadedAt === undefined ? options : undefined }, now, options.samples + options.warmup);
  const loadSeconds = options.loadedAt === undefined ? Math.round((Date.now() - loadStarted) / 100) / 10 : null;
  const counts = (await options.db.query<{ cases: number; reports: number; keys: number; open: number }>(
    `SELECT (SELECT count(*)::int FROM cases.case) AS cases, (SELECT count(*)::int FROM cases.report) AS reports,
            (SELECT count(*)::int FROM cases.match_key) AS keys,
            (SELECT count(*)::int FROM cases.case WHERE status IN ('RECEIVED', 'DISPATCHED', 'IN_PROGRESS')) AS open`,
  ))[0]!;
  const hub = await startHubProcess(options);
  const pid = hub.pid!;
  let peakRss = rssOf(pid).rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, rssOf(pid).rss)), 100);
  try {
    const url = `http://127.0.0.1:${options.port}/graphql`;
    // The first calls load jieba's dictionary and warm the JIT and connection pools: not counted.
    for (const probe of probes.slice(0, options.warmup)) await submitOne(url, probe);
    const latencies: number[] = [];
    const outcomes: Record<string, number> = {};
    for (const probe of probes.slice(options.warmup, options.warmup + options.samples)) {
      const started = process.hrtime.bigint();
      const outcome = await submitOne(url, probe);
      latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
      outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
      if (options.gapMs) await new Promise((resolve) => setTimeout(resolve, options.gapMs));
    }
    latencies.sort((a, b) => a - b);
    const at = (q: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]! * 100) / 100;
    const final = rssOf(pid);
    peakRss = Math.max(peakRss, final.rss);
    return {
      backend: 'postgres',
      casesStored: counts.cases,
      reportsStored: counts.reports,
      matchKeysStored: counts.keys,
      openCases: counts.open,
      spanDays: Math.round(Math.ceil(options.cases / DISTRICTS) / REPORTS_PER_DISTRICT_DAY),
      districts: DISTRICTS,
      bulkLoadSeconds: loadSeconds,
      fromTemplate: options.loadedAt !== undefined,
      throughGateway: true,
      gapBetweenCallsMs: options.gapMs ?? 0,
      warmupCalls: options.warmup,
      singleReportSubmitMs: { samples: latencies.length, p50: at(0.5), p90: at(0.9), p99: at(0.99), max: at(1) },
      outcomes,
      hubProcess: { peakRssMiBDuringCalls: Math.round(peakRss / 2 ** 20), vmHwmMiBSinceStart: Math.round(final.hwm / 2 ** 20) },
    };
  } finally {
    clearInterval(sampler);
    if (hub.exitCode === null) {
      const exited = new Promise((resolve) => hub.once('exit', resolve));
      hub.kill('SIGTERM');
      await exited;
    }
  }
}
