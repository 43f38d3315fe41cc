/**
 * `npm run bench:dedup [-- --reports N] [--concurrency C] [--skip-quality] [--skip-speed] [--no-handling] [--sets a,b]
 *  [--show-wrong N] [--latency-at N [--latency-samples S] [--latency-template NAME] [--latency-gap-ms G] [--rate-at-scale R]]`:
 *  prints one JSON object.
 *  - quality: pairwise P/R/F1 and B-cubed per labelled set (PGlite in memory), Chicago figures;
 *  - speed: intake of N reports of the synthetic city (`syntheticCity.ts`, 400 districts at a fixed
 *    density) with the filter off and on, side by side in one run (between days, the city closes the
 *    cases whose handling time has passed, timed apart; `--no-handling`: it never does), on
 *    PostgreSQL when DATABASE_URL or TEST_DATABASE_URL is set (else PGlite); the hub's vacuum of the
 *    leads runs beside intake on its own cron line (HUYING_LEADS_VACUUM_CRON=off: never); then the latency of a
 *    single-report submitReports with those N reports stored; each mode's intake CPU per report
 *    (this process, and the server's backends when local: `cpuMeter.ts`); this process's peak RSS and heap in each
 *    mode's intake and its live heap after it, and its peak RSS throughout;
 *  - latencyAtScale (`--latency-at N`, PostgreSQL only): N cases bulk-loaded, then the real hub in a
 *    child process; p50/p99/max of single-report submitReports through the gateway, hub RSS.
 *    `--latency-template NAME` loads the cases once into a database NAME kept on the server, and
 *    each later run measures on a fresh copy of it (seconds instead of minutes of loading).
 *    `--rate-at-scale R` (with a template): then R further reports fed through intake in this process
 *    (concurrency C) with the filter off and on, each on its own fresh copy, two interleaved rounds:
 *    the intake rate with N cases stored, and its ratio on / off.
 */
import { join } from 'node:path';
import { distanceMeters, OPEN_CASE_STATUSES, validateReport } from '@huying/schema';
import { ManualClock, migrate, migrationsFromDir, openDatabase, settings, testBackends, type Database } from '@huying/runtime';
import { CASES_SCHEMA, casesSettings, duplicateFilter, oneCasePerReport, scheduleLeadsVacuum, submitReports, takeReport, type CaseMatcher, type IntakeDeps } from '../src';
import { clusterScores, recallDetail } from './clusterMetrics';
import { cpuMeter } from './cpuMeter';
import { latencyAtScale, loadCases, reportsAfterLoad } from './latencyAtScale';
import { chicagoSet, fuzhouSet, meaningSet, repostSet, samePersonOrWording, splitPart, syntheticSet, withReadPairs, type LabelledReport } from './devSets';
import { cityReports, DISTRICTS, type CityReport } from './syntheticCity';

const args = process.argv.slice(2);
const flag = (name: string, fallback: number) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const REPORTS = flag('reports', 20_000);
const CONCURRENCY = flag('concurrency', 8);
const LATENCY_SAMPLES = flag('latency-samples', 300);
const SKIP_QUALITY = args.includes('--skip-quality');
const SKIP_SPEED = args.includes('--skip-speed');
/** `--no-handling`: the speed run's city never closes a case (every case of the window stays a candidate). */
const HANDLING = !args.includes('--no-handling');
/** `--sets messageBoard,chicago311`: only the quality sets whose name starts with one of these. */
const SETS = args.includes('--sets') ? args[args.indexOf('--sets') + 1]!.split(',') : null;
const SHOW_WRONG = flag('show-wrong', 0);
const LATENCY_AT = flag('latency-at', 0);
/** The hub of the latency run listens here (PORT of gateway/src/config.ts). */
const HUB_PORT = flag('hub-port', 4800);
const LATENCY_GAP_MS = flag('latency-gap-ms', 0);
const RATE_AT_SCALE = flag('rate-at-scale', 0);
const LATENCY_TEMPLATE = args.includes('--latency-template') ? args[args.indexOf('--latency-template') + 1]! : null;
const wanted = (name: string) => !SETS || SETS.some((prefix) => name.startsWith(prefix));
const serverUrl = settings.testDatabaseUrl;

/** This process's peaks: throughout, and since `since` was last reset (one mode of the speed run). */
const peaks = { rss: 0, since: { rss: 0, heapUsed: 0 } };
const sampler = setInterval(() => {
  const { rss, heapUsed } = process.memoryUsage();
  peaks.rss = Math.max(peaks.rss, rss);
  peaks.since = { rss: Math.max(peaks.since.rss, rss), heapUsed: Math.max(peaks.since.heapUsed, heapUsed) };
}, 250);
const MiB = (bytes: number) => Math.round(bytes / 2 ** 20);
/** What the heap holds once garbage is collected (the npm script runs node with --expose-gc; else null). */
function liveHeapMiB(): number | null {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return null;
  gc();
  return MiB(process.memoryUsage().heapUsed);
}

async function freshDatabase(onServer: boolean, template?: string): Promise<{ db: Database; url?: string; dispose(): Promise<void> }> {
  const backend = testBackends().find((candidate) => candidate.kind === (onServer && serverUrl ? 'postgres' : 'pglite'))!;
  return backend.open({ poolSize: CONCURRENCY + 2, template });
}

const migrations = () => migrationsFromDir(join(__dirname, '..', 'migrations'));

/**
 * The template database of `--latency-template NAME` holding LATENCY_AT cases, loaded now unless an
 * earlier run left one; returns when its cases were loaded (the probes are built relative to that).
 */
async function latencyTemplate(name: string): Promise<number> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`--latency-template: "${name}" is not a plain database name`);
  const admin = await openDatabase({ url: serverUrl!, poolSize: 1 });
  try {
    // Says what the load holds, so a template from an older load (before match profiles) is loaded again.
    const note = `huying latency bench, open cases' hashed keys, match profiles and keys in report rows: ${LATENCY_AT} cases loaded at `;
    const [found] = await admin.query<{ note: string | null }>("SELECT shobj_description(oid, 'pg_database') AS note FROM pg_database WHERE datname = $1", [name]);
    if (found?.note?.startsWith(note)) return Number(found.note.slice(note.length));
    await admin.exec(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.exec(`CREATE DATABASE ${name}`);
    const url = new URL(serverUrl!);
    url.pathname = `/${name}`;
    const db = await openDatabase({ url: url.toString(), poolSize: 2 });
    const loadedAt = Date.now();
    try {
      await migrate(db, CASES_SCHEMA, migrations());
      await loadCases({ db, cases: LATENCY_AT, contactKey: 'bench-key' }, loadedAt);
    } finally {
      await db.close();
    }
    // A literal: its quotes doubled (the note says cases').
    await admin.exec(`COMMENT ON DATABASE ${name} IS '${`${note}${loadedAt}`.replace(/'/g, "''")}'`);
    return loadedAt;
  } finally {
    await admin.close();
  }
}

async function intakeDeps(db: Database, matcher: CaseMatcher): Promise<IntakeDeps> {
  await migrate(db, CASES_SCHEMA, migrations());
  return { db, clock: new ManualClock('2026-11-21T00:00:00Z'), matcher, contactKey: 'bench-key' };
}

/** How far a long feed is, across its calls (one per day of the speed run). */
interface FeedProgress {
  total: number;
  done: number;
  seconds: number;
}

/**
 * Feeds reports in order, `concurrency` at a time (each its own transaction, as submitReports does);
 * returns the seconds it took. With `progress` of a long run, says how far it is on stderr every tenth.
 */
async function feed(deps: IntakeDeps, reports: Iterable<Pick<LabelledReport, 'input'>>, concurrency: number, progress?: FeedProgress): Promise<number> {
  const source = reports[Symbol.iterator]();
  const started = process.hrtime.bigint();
  const elapsed = () => Number(process.hrtime.bigint() - started) / 1e9;
  const tenth = progress && progress.total >= 100_000 ? Math.floor(progress.total / 10) : 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let next = source.next(); !next.done; next = source.next()) {
        const validated = validateReport(next.value.input);
        if (validated.ok) await takeReport(deps, validated.value);
        if (!progress) continue;
        progress.done += 1;
        if (tenth && progress.done % tenth === 0) {
          const rate = Math.round(progress.done / (progress.seconds + elapsed()));
          process.stderr.write(`  ${progress.done.toLocaleString('en')} / ${progress.total.toLocaleString('en')} reports, ${rate}/s\n`);
        }
      }
    }),
  );
  const seconds = elapsed();
  if (progress) progress.seconds += seconds;
  return seconds;
}

/**
 * The city's handling between two days of the speed run (timed apart from intake; the same in both modes): each
 * case is closed once its handling time has passed, as dispatch's CLOSED would set it (caseStatus.ts).
 * Handling times as in the latency run's load: 80% within 5 days, the rest spread up to 60 days
 * (Tongzhou's grid platform closed 95.9%); each case's own, drawn from a hash of its id. Returns the
 * seconds it took: with the filter on, closing also withdraws the case's reports from the lookup keys.
 */
async function closeHandledCases(db: Database, until: Date): Promise<number> {
  const started = process.hrtime.bigint();
  await db.query(
    `UPDATE cases.case c SET status = 'CLOSED', updated_at = c.created_at + h.handling
       FROM (SELECT id, CASE WHEN draw < 0.8 THEN interval '12 hours' + draw / 0.8 * interval '108 hours'
                             ELSE interval '5 days' + (draw - 0.8) / 0.2 * interval '55 days' END AS handling
               FROM (SELECT id, (hashtext(id::text)::float8 + 2147483648) / 4294967296 AS draw
                       FROM cases.case WHERE status = ANY($2::text[])) drawn) h
      WHERE c.id = h.id AND c.created_at + h.handling <= $1`,
    [until, OPEN_CASE_STATUSES],
  );
  return Number(process.hrtime.bigint() - started) / 1e9;
}

/** The case each report ended in, in the order of `sourceIds`. */
async function finalCases(db: Database, sourceIds: readonly string[]): Promise<string[]> {
  const rows = await db.query<{ source_id: string; case_id: string }>('SELECT source_id, case_id FROM cases.report');
  const bySource = new Map(rows.map((row) => [row.source_id, row.case_id]));
  return sourceIds.map((sourceId) => bySource.get(sourceId) ?? `refused:${sourceId}`);
}

/** Every pair of reports (by index) that ended in one case. */
function* predictedPairs(predicted: readonly string[]): Generator<[number, number]> {
  const members = new Map<string, number[]>();
  predicted.forEach((caseId, i) => members.set(caseId, [...(members.get(caseId) ?? []), i]));
  for (const list of members.values()) {
    for (let a = 0; a < list.length; a++) for (let b = a + 1; b < list.length; b++) yield [list[a]!, list[b]!];
  }
}

/** The review queue: each pending suggestion as (its new case, the case it may belong to). */
async function pendingSuggestions(db: Database): Promise<[string, string][]> {
  const rows = await db.query<{ from_case_id: string; into_case_id: string }>(
    "SELECT from_case_id, into_case_id FROM cases.merge_decision WHERE kind = 'SUGGESTION' AND state = 'PENDING' AND from_case_id IS NOT NULL",
  );
  return rows.map((row) => [row.from_case_id, row.into_case_id]);
}

async function decisionCounts(db: Database) {
  const rows = await db.query<{ kind: string; outcome: string | null; n: number }>(
    'SELECT kind, outcome, count(*)::int AS n FROM cases.merge_decision GROUP BY kind, outcome',
  );
  return Object.fromEntries(rows.map((row) => [`${row.kind}${row.outcome ? `_${row.outcome}` : ''}`, row.n]));
}

async function qualityOf(name: string, reports: LabelledReport[]) {
  const { db, dispose } = await freshDatabase(false);
  try {
    const deps = await intakeDeps(db, duplicateFilter);
    const seconds = await feed(deps, reports, 1);
    const predicted = await finalCases(db, reports.map((report) => report.input.sourceId));
    const wrongAttachments = SHOW_WRONG > 0 ? await wrongAttachmentsOf(db, reports) : undefined;
    const missedPairs = SHOW_WRONG > 0 ? missedPairsOf(reports, predicted) : undefined;
    const gold = reports.map((r) => r.gold);
    const decisions = await decisionCounts(db);
    const detail = recallDetail(gold, predicted, await pendingSuggestions(db), (a, b) => samePersonOrWording(reports[a]!.input, reports[b]!.input));
    const suggestionsPer100Reports = Math.round((((decisions.SUGGESTION as number | undefined) ?? 0) / Math.max(1, reports.length)) * 1000) / 10;
    return { name, seconds: Math.round(seconds * 10) / 10, ...clusterScores(gold, predicted), ...detail, suggestionsPer100Reports, decisions, wrongAttachments, missedPairs, predicted };
  } finally {
    await dispose();
  }
}

/**
 * `--show-wrong N`: the first N automatic attachments that joined a report to a case whose first
 * report the gold calls another issue, with the decision's evidence (for reading, not for scoring).
 */
async function wrongAttachmentsOf(db: Database, reports: readonly LabelledReport[]) {
  const goldOf = new Map(reports.map((report) => [report.input.sourceId, report]));
  const rows = await db.query<{ source_id: string; into_source: string; outcome: string; score: number; signals: unknown }>(
    `SELECT r.source_id, (SELECT f.source_id FROM cases.report f WHERE f.case_id = d.into_case_id ORDER BY f.received_at LIMIT 1) AS into_source,
            d.outcome, d.score, d.signals
       FROM cases.merge_decision d JOIN cases.report r ON r.id = d.report_id
      WHERE d.kind = 'ATTACH' ORDER BY d.decided_at`,
  );
  const brief = (report: LabelledReport) => `${report.input.title ?? ''} | ${report.input.text.slice(0, 200)}`;
  return rows
    .filter((row) => goldOf.get(row.source_id)?.gold !== goldOf.get(row.into_source)?.gold)
    .slice(0, SHOW_WRONG)
    .map((row) => ({ outcome: row.outcome, score: row.score, signals: row.signals, ids: [row.into_source, row.source_id], report: brief(goldOf.get(row.source_id)!), into: brief(goldOf.get(row.into_source)!) }));
}

/** `--show-wrong N` also lists the first N gold pairs left in two cases (an issue's first report and a later one). */
function missedPairsOf(reports: readonly LabelledReport[], predicted: readonly string[]) {
  const first = new Map<string, number>();
  const missed: { ids: string[]; report: string; first: string }[] = [];
  const brief = (report: LabelledReport) => `${report.input.title ?? ''} | ${report.input.text.slice(0, 200)}`;
  reports.forEach((report, index) => {
    const at = first.get(report.gold);
    if (at === undefined) first.set(report.gold, index);
    else if (predicted[at] !== predicted[index] && missed.length < SHOW_WRONG) missed.push({ ids: [reports[at]!.input.sourceId, report.input.sourceId], report: brief(report), first: brief(reports[at]!) });
  });
  return missed;
}

/**
 * Merged pairs the gold calls two issues, split by whether anything could tell them apart: the
 * simulator often starts two issues of the same topic at the same place within hours (22 places),
 * whose reports may read identically; `sameTopicAndPlace` counts those.
 */
function falsePairsBreakdown(reports: readonly LabelledReport[], predicted: readonly string[]) {
  let falsePairs = 0;
  let sameTopicAndPlace = 0;
  for (const [a, b] of predictedPairs(predicted)) {
    const [x, y] = [reports[a]!, reports[b]!];
    if (x.gold === y.gold) continue;
    falsePairs += 1;
    if (x.truth!.topicKey === y.truth!.topicKey && x.truth!.placeName === y.truth!.placeName) sameTopicAndPlace += 1;
  }
  return { falsePairs, sameTopicAndPlace };
}

/** A message-board post of the set labelled by meaning (not one of Fuzhou's cases). */
const onTheBoard = (report: LabelledReport) => !report.input.sourceId.startsWith('fz-');

async function quality() {
  const sets: Record<string, unknown> = {};
  for (const [name, load] of [
    // Labelled by reading (labels/README.md): tuned on the development part only; the held-out part is reported.
    ['meaning_development', () => splitPart(meaningSet(), 'development')],
    ['meaning_heldOut', () => splitPart(meaningSet(), 'heldOut')],
    // The message-board posts alone (title, text and poster id, no address): Fuzhou's river cases hold most
    // of the set's pairs, and a board's posts are what most cities receive.
    ['meaning_board_development', () => splitPart(meaningSet(), 'development').filter(onTheBoard)],
    ['meaning_board_heldOut', () => splitPart(meaningSet(), 'heldOut').filter(onTheBoard)],
    // Reposts and one poster's follow-ups (the first wave's gold): they must stay merged.
    // Tuned on the development part. The held-out part's errors were read once (second session), so
    // it is no longer blind; the whole set is the issue's own measure.
    ['reposts_tipdm2020c_development', () => splitPart(repostSet(), 'development')],
    ['reposts_tipdm2020c_heldOut', () => splitPart(repostSet(), 'heldOut')],
    // The whole set as the issue states the target: both parts in one run, in time order.
    ['reposts_tipdm2020c_all', repostSet],
    // The same, with the pairs it joined against its rules read by two readers (labels/README.md): its
    // precision by meaning. Its recall stays the rules' (the read pairs were found by the filter).
    ['reposts_tipdm2020c_read_development', () => withReadPairs(splitPart(repostSet(), 'development'))],
    ['reposts_tipdm2020c_read_heldOut', () => withReadPairs(splitPart(repostSet(), 'heldOut'))],
    ['reposts_tipdm2020c_read_all', () => withReadPairs(repostSet())],
    ['fuzhou12345_water', fuzhouSet],
    ['synthetic_5000_dense', () => syntheticSet(5000, 7)],
    // The same district with an issue every 2 hours instead of every 10 minutes.
    ['synthetic_5000_sparse', () => syntheticSet(5000, 7, 2 * 3600_000)],
  ] as const) {
    if (!wanted(name)) continue;
    const reports = load();
    const { predicted, ...scores } = await qualityOf(name, reports);
    sets[name] = reports[0]?.truth ? { ...scores, falsePairs: falsePairsBreakdown(reports, predicted) } : scores;
  }
  if (!wanted('chicago311')) return sets;
  const chicago = chicagoSet();
  const { predicted, ...scores } = await qualityOf('chicago311', chicago.reports);
  const caseOf = new Map(chicago.rows.map((row, i) => [row.sr, predicted[i]!]));
  const children = chicago.rows.filter((row) => row.parent);
  const joined = children.filter((row) => caseOf.get(row.sr) === caseOf.get(row.parent!)).length;
  // Wrong merges: pairs the filter put in one case although their types differ or they lie > 500 m apart.
  let mergedPairs = 0;
  let wrongPairs = 0;
  for (const [a, b] of predictedPairs(predicted)) {
    const [x, y] = [chicago.rows[a]!, chicago.rows[b]!];
    mergedPairs += 1;
    if (x.type !== y.type || distanceMeters(x, y) > 500) wrongPairs += 1;
  }
  sets.chicago311 = {
    ...scores,
    flaggedDuplicatesWithParentInSlice: children.length,
    endInParentsCase: joined,
    shareInParentsCase: Math.round((joined / Math.max(1, children.length)) * 10000) / 10000,
    mergedPairs,
    wrongMergesDifferentTypeOrOver500m: wrongPairs,
  };
  return sets;
}

/** Where the speed run's city starts: its reports then fill REPORTS / 16,667 days at a city's density. */
const CITY_START = new Date('2026-09-01T00:00:00Z');
const DAY_MS = 86_400_000;

/** The server settings the speed figures depend on most (a page read or not, a table vacuumed or not). */
async function serverSettings(db: Database) {
  const rows = await db.query<{ name: string; setting: string; unit: string | null }>(
    "SELECT name, setting, unit FROM pg_settings WHERE name IN ('autovacuum', 'shared_buffers', 'server_version', 'synchronous_commit')",
  );
  return Object.fromEntries(rows.map((row) => [row.name, row.unit ? `${row.setting} × ${row.unit}` : row.setting]));
}

async function speed() {
  const result: Record<string, unknown> = {
    backend: serverUrl ? 'postgres' : 'pglite',
    reports: REPORTS,
    concurrency: CONCURRENCY,
    city: `${DISTRICTS} districts`,
    handling: HANDLING ? 'cases closed after their handling time, between days, timed apart (handlingSeconds)' : 'none: no case is ever closed',
  };
  for (const [mode, matcher] of [['filterOff', oneCasePerReport], ['filterOn', duplicateFilter]] as const) {
    process.stderr.write(`${mode}: ${REPORTS.toLocaleString('en')} reports\n`);
    const { db, dispose } = await freshDatabase(true);
    peaks.since = { rss: 0, heapUsed: 0 };
    try {
      const deps = await intakeDeps(db, matcher);
      if (serverUrl && mode === 'filterOff') result.server = await serverSettings(db);
      const city = cityReports(REPORTS + LATENCY_SAMPLES, CITY_START);
      const golds: string[] = [];
      const sourceIds: string[] = [];
      const progress: FeedProgress = { total: REPORTS, done: 0, seconds: 0 };
      let handlingSeconds = 0;
      const cpu = cpuMeter(db);
      const fed = async (reports: readonly { input: CityReport }[]) => {
        await cpu.start();
        await feed(deps, reports, CONCURRENCY, progress);
        await cpu.stop();
      };
      // The hub vacuums the filter's leads on this schedule (service.ts); it runs here as it would there,
      // beside intake, so its cost falls in the timed intake.
      const vacuums = { runs: 0, seconds: 0, failure: null as unknown };
      const vacuumSchedule = casesSettings.leadsVacuumCron
        ? scheduleLeadsVacuum(db, casesSettings.leadsVacuumCron, {
            vacuumed: (done) => {
              vacuums.runs += 1;
              vacuums.seconds += done.seconds;
            },
            failed: (error) => (vacuums.failure = error),
          })
        : null;
      // A day of the city at a time; between days (timed apart), the cases whose handling is done are closed.
      let day: { input: CityReport; gold: string }[] = [];
      let dayEnds = CITY_START.getTime() + DAY_MS;
      for (let i = 0; i < REPORTS; i++) {
        const next = city.next().value!;
        golds.push(next.gold);
        sourceIds.push(next.input.sourceId);
        while (Date.parse(next.input.receivedAt) >= dayEnds) {
          await fed(day);
          if (HANDLING) handlingSeconds += await closeHandledCases(db, new Date(dayEnds));
          day = [];
          dayEnds += DAY_MS;
        }
        day.push(next);
      }
      await fed(day);
      await vacuumSchedule?.stop();
      if (vacuums.failure) throw vacuums.failure;
      const seconds = progress.seconds;
      const entry: Record<string, unknown> = {
        seconds: Math.round(seconds * 10) / 10,
        reportsPerSecond: Math.round(REPORTS / seconds),
        handlingSeconds: Math.round(handlingSeconds * 10) / 10,
        // The intake's CPU time per report (the vacuum's included, the closing's not): steadier than the rate.
        cpuPerReport: cpu.perReport(REPORTS),
        leadsVacuum: { cron: casesSettings.leadsVacuumCron, runs: vacuums.runs, seconds: Math.round(vacuums.seconds * 10) / 10 },
        // The hub's intake ran in this process, beside the city's generator and the gold labels of every report.
        processPeakDuringIntake: { rssMiB: MiB(peaks.since.rss), heapUsedMiB: MiB(peaks.since.heapUsed) },
        liveHeapAfterIntakeMiB: liveHeapMiB(),
      };
      if (mode === 'filterOn') {
        const cases = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM cases.case'))[0]!.n;
        const latencies: number[] = [];
        for (const probe of city) {
          const started = process.hrtime.bigint();
          await submitReports(deps, [probe.input]);
          latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
        }
        latencies.sort((a, b) => a - b);
        const at = (q: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]! * 100) / 100;
        const { reports: _n, ...scores } = clusterScores(golds, await finalCases(db, sourceIds));
        Object.assign(entry, {
          casesStored: cases,
          singleReportSubmitMs: { samples: latencies.length, p50: at(0.5), p99: at(0.99), max: at(1) },
          decisions: await decisionCounts(db),
          quality: scores,
        });
      }
      result[mode] = entry;
    } finally {
      await dispose();
    }
  }
  type Timed = { reportsPerSecond: number; seconds: number; handlingSeconds: number };
  const off = result.filterOff as Timed;
  const on = result.filterOn as Timed;
  result.rateRatioOnOverOff = Math.round((on.reportsPerSecond / off.reportsPerSecond) * 1000) / 1000;
  // Closing a case withdraws its reports' leads (filter on): that cost is the filter's too, paid at closing.
  const withHandling = (entry: Timed) => entry.seconds + entry.handlingSeconds;
  result.ratioCountingHandling = Math.round((withHandling(off) / withHandling(on)) * 1000) / 1000;
  return result;
}

/**
 * Intake's rate with the template's cases stored, filter off and on side by side (`--rate-at-scale`): the
 * same reports on a fresh copy each time, off and on interleaved over two rounds so a drift of the machine
 * falls on both.
 */
async function rateAtScale(template: string, loadedAt: number) {
  const reports = (await reportsAfterLoad(LATENCY_AT, loadedAt, RATE_AT_SCALE)).map((input) => ({ input }));
  const rates: Record<'filterOff' | 'filterOn', number[]> = { filterOff: [], filterOn: [] };
  for (let round = 1; round <= 2; round++) {
    for (const [mode, matcher] of [['filterOff', oneCasePerReport], ['filterOn', duplicateFilter]] as const) {
      process.stderr.write(`rate at scale, round ${round}, ${mode}: ${reports.length.toLocaleString('en')} reports over ${LATENCY_AT.toLocaleString('en')} stored\n`);
      const { db, dispose } = await freshDatabase(true, template);
      try {
        await migrate(db, CASES_SCHEMA, migrations());
        const seconds = await feed({ db, clock: new ManualClock(new Date(loadedAt)), matcher, contactKey: 'bench-key' }, reports, CONCURRENCY);
        rates[mode].push(Math.round(reports.length / seconds));
      } finally {
        await dispose();
      }
    }
  }
  const ratios = rates.filterOn.map((on, round) => Math.round((on / rates.filterOff[round]!) * 1000) / 1000);
  return { casesStored: LATENCY_AT, reportsFed: reports.length, concurrency: CONCURRENCY, reportsPerSecond: rates, rateRatioOnOverOff: ratios };
}

async function main() {
  const output: Record<string, unknown> = {};
  if (!SKIP_QUALITY) output.quality = await quality();
  if (!SKIP_SPEED) output.speed = await speed();
  if (LATENCY_AT > 0) {
    if (!serverUrl) throw new Error('--latency-at needs PostgreSQL: set TEST_DATABASE_URL or DATABASE_URL');
    const loadedAt = LATENCY_TEMPLATE ? await latencyTemplate(LATENCY_TEMPLATE) : undefined;
    const { db, url, dispose } = await freshDatabase(true, LATENCY_TEMPLATE ?? undefined);
    try {
      await migrate(db, CASES_SCHEMA, migrations());
      output.latencyAtScale = await latencyAtScale({ db, databaseUrl: url!, cases: LATENCY_AT, samples: Math.max(500, LATENCY_SAMPLES), warmup: 20, port: HUB_PORT, contactKey: 'bench-key', loadedAt, gapMs: LATENCY_GAP_MS });
    } finally {
      await dispose();
    }
    if (RATE_AT_SCALE > 0) {
      if (!LATENCY_TEMPLATE || loadedAt === undefined) throw new Error('--rate-at-scale needs --latency-template (each mode runs on a fresh copy of the loaded cases)');
      output.rateAtScale = await rateAtScale(LATENCY_TEMPLATE, loadedAt);
    }
  }
  output.peakRssMiB = MiB(peaks.rss);
  clearInterval(sampler);
  process.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
