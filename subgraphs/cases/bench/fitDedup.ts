/**
 * `npm run fit:dedup [-- --terms] [--dry-run] [--dump-pairs FILE]`: fits the duplicate filter's model on the development part of
 * the set labelled by meaning (`labels/`) and writes its weights into `config/dedup.yaml` (the block
 * after `model:`), with the thresholds chosen on the same part. `--terms` first counts the word and
 * letter frequencies of every post in ../shared/data into `config/dedup-terms.json`. The held-out part
 * is never read here. Progress on stderr, a summary as JSON on stdout; `--dump-pairs` also writes every
 * pair (gold, features, ids) as CSV for reading.
 *
 * The pairs are those the filter itself would score: each report against the earlier reports of the
 * part that share one of its lookup keys within the window, other reporters only (one person again is
 * the repeat tier's), leaving out what the rules decide without the model (two places, reposts).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { Matrix } from 'ml-matrix';
import LogisticRegression from 'ml-logistic-regression';
import { validateReport, contactHash } from '@huying/schema';
import { DEFAULT_DEDUP_RULES_FILE, DEFAULT_DEDUP_TERMS_FILE } from '../src/config';
import { compareReports, mergeDecision } from '../src/dedup/mergeDecision';
import { DEDUP_RULES } from '../src/dedup/dedupRules';
import { PAIR_FEATURES, pairFeatures } from '../src/dedup/pairFeatures';
import { lookupKeys, reportProfile, type ReportProfile } from '../src/dedup/reportProfile';
import { corpusPosts } from './corpusPosts';
import { meaningSet, splitPart, type LabelledReport } from './devSets';
import { termFrequencies } from './termFrequencies';

const args = process.argv.slice(2);
const DAY_MS = 86_400_000;
/** Precision the automatic merges must keep on the development pairs (the 0.95, with a margin). */
const MERGE_PRECISION = 0.97;
/** Share of the development part's same-issue pairs the review queue must reach, with the merges. */
const QUEUED_RECALL = 0.9;
/** Suggestions a report at most on the development part (the issue allows 25 in 100; a margin). */
const REVIEW_SHARE = 0.15;

interface Pair {
  features: number[];
  same: boolean;
  /** The incoming report's index in the part. */
  report: number;
  ids: [string, string];
}

function profiled(reports: readonly LabelledReport[]) {
  return reports.map((report) => {
    const validated = validateReport(report.input);
    if (!validated.ok) throw new Error(`invalid labelled report ${report.input.sourceId}`);
    const value = validated.value;
    const source = {
      title: value.title ?? null,
      text: value.text,
      address: value.address ?? null,
      location: value.location ?? null,
      categoryHint: value.categoryHint ?? null,
      receivedAt: value.receivedAt,
      contactHash: value.contact ? contactHash(value.contact, 'fit-key') : null,
    };
    const profile = reportProfile(source);
    return { gold: report.gold, id: report.input.sourceId, profile, keys: lookupKeys(profile, source) };
  });
}

/** Every pair the filter would score, in arrival order. */
function candidatePairs(reports: ReturnType<typeof profiled>): Pair[] {
  const filed = new Map<string, number[]>();
  const pairs: Pair[] = [];
  reports.forEach((report, index) => {
    const seen = new Set<number>();
    for (const key of report.keys.search) for (const earlier of filed.get(key) ?? []) seen.add(earlier);
    for (const earlier of seen) {
      const other = reports[earlier]!;
      if (report.profile.receivedAt.getTime() - other.profile.receivedAt.getTime() > DEDUP_RULES.windowDays * DAY_MS) continue;
      const signals = compareReports(report.profile, other.profile);
      // Pairs the rules decide without the model: one person again, two places, reposts, coordinates on both.
      if (signals.sameContact || signals.place === 'DIFFERENT' || signals.distanceMeters !== null || mergeDecision(signals).score === 1) continue;
      const features = pairFeatures(signals);
      pairs.push({ features: PAIR_FEATURES.map((name) => features[name]), same: report.gold === other.gold, report: index, ids: [report.id, other.id] });
    }
    for (const key of report.keys.own) filed.set(key, [...(filed.get(key) ?? []), index]);
  });
  return pairs;
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

function fit(pairs: Pair[]): { intercept: number; weights: number[] } {
  // ml-logistic-regression trains one classifier per class against the rest; a bias column gives the intercept.
  const X = new Matrix(pairs.map((pair) => [1, ...pair.features]));
  const Y = Matrix.columnVector(pairs.map((pair) => (pair.same ? 1 : 0)));
  const model = new LogisticRegression({ numSteps: 15_000, learningRate: 8 / pairs.length });
  model.train(X, Y);
  // classifiers[0] separates class 0 from the rest: its probability is that of class 1, "one issue".
  const weights = (model.classifiers[0]!.weights as Matrix).to1DArray();
  return { intercept: weights[0]!, weights: weights.slice(1) };
}

function thresholds(pairs: Pair[], model: { intercept: number; weights: number[] }, reports: number) {
  const scored = pairs
    .map((pair) => ({ p: sigmoid(model.intercept + pair.features.reduce((sum, x, i) => sum + x * model.weights[i]!, 0)), same: pair.same, report: pair.report }))
    .sort((a, b) => b.p - a.p);
  const positives = scored.filter((pair) => pair.same).length;
  let mergeAt = 1;
  let truePositives = 0;
  scored.forEach((pair, rank) => {
    if (pair.same) truePositives += 1;
    const next = scored[rank + 1];
    if ((!next || next.p !== pair.p) && truePositives / (rank + 1) >= MERGE_PRECISION) mergeAt = pair.p;
  });
  // The grey zone reaches down until its pairs (with the merges) hold QUEUED_RECALL of the positives, or
  // until more than REVIEW_SHARE of the reports would wait for an operator (a report is suggested once, for its best).
  const best = new Map<number, number>();
  for (const pair of scored) if (!best.has(pair.report)) best.set(pair.report, pair.p);
  let reviewAt = mergeAt;
  let found = 0;
  for (const pair of scored) {
    if (pair.same) found += 1;
    if (pair.p >= mergeAt) continue;
    const waiting = [...best.values()].filter((p) => p >= pair.p && p < mergeAt).length;
    if (waiting > REVIEW_SHARE * reports) break;
    reviewAt = pair.p;
    if (found >= QUEUED_RECALL * positives) break;
  }
  return { mergeAt: Math.floor(mergeAt * 1000) / 1000, reviewAt: Math.floor(reviewAt * 1000) / 1000, pairs: scored.length, positives };
}

function main() {
  if (args.includes('--terms')) {
    process.stderr.write('counting term frequencies over ../shared/data\n');
    writeFileSync(DEFAULT_DEDUP_TERMS_FILE, `${JSON.stringify(termFrequencies(corpusPosts()))}\n`);
  }
  process.stderr.write('profiling the development part of the set labelled by meaning\n');
  const development = profiled(splitPart(meaningSet(), 'development'));
  const pairs = candidatePairs(development);
  const dumpAt = args.indexOf('--dump-pairs');
  if (dumpAt >= 0) writeFileSync(args[dumpAt + 1]!, pairs.map((pair) => [pair.same ? 1 : 0, ...pair.features, ...pair.ids].join(',')).join('\n'));
  process.stderr.write(`fitting on ${pairs.length} candidate pairs\n`);
  const model = fit(pairs);
  const chosen = thresholds(pairs, model, development.length);
  const round = (x: number) => Math.round(x * 1000) / 1000;
  const block = [
    'model:',
    `  intercept: ${round(model.intercept)}`,
    '  weights:',
    ...PAIR_FEATURES.map((name, i) => `    ${name}: ${round(model.weights[i]!)}`),
  ].join('\n');
  if (!args.includes('--dry-run')) {
    const yaml = readFileSync(DEFAULT_DEDUP_RULES_FILE, 'utf8')
      .replace(/^mergeAt: .*$/m, `mergeAt: ${chosen.mergeAt}`)
      .replace(/^reviewAt: .*$/m, `reviewAt: ${chosen.reviewAt}`)
      .replace(/^model:[\s\S]*$/m, `${block}\n`);
    writeFileSync(DEFAULT_DEDUP_RULES_FILE, yaml);
  }
  process.stdout.write(`${JSON.stringify({ ...chosen, intercept: round(model.intercept), weights: Object.fromEntries(PAIR_FEATURES.map((name, i) => [name, round(model.weights[i]!)])) }, null, 2)}\n`);
}

main();
