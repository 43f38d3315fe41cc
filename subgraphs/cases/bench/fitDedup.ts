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
 *
 * The model: a logistic regression over the pair's signals (`pairFeatures`) and, for each letter or pair
 * of letters of the problem texts' keywords that at least LETTER_MIN_POSTS posts of the part use, whether
 * both texts use it, and the same times the pair's nearness in time (`sharedLetters.ts`: a letter's `always`
 * and `sooner` weights); an L2 penalty, Adam on the whole batch from zero (TensorFlow.js, deterministic).
 * What they learned first: 臭 破 雨 堵 扰民.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import '@tensorflow/tfjs-backend-cpu';
import { validateReport, contactHash } from '@huying/schema';
import { DEFAULT_DEDUP_RULES_FILE, DEFAULT_DEDUP_TERMS_FILE } from '../src/config';
import { compareReports, isRepost } from '../src/dedup/mergeDecision';
import { DEDUP_RULES } from '../src/dedup/dedupRules';
import { PAIR_FEATURES, pairFeatures } from '../src/dedup/pairFeatures';
import { problemLetters } from '../src/dedup/sharedLetters';
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
/** A letter or pair gets a weight of its own when at least this many posts of the part use it (rarer ones are noise). */
const LETTER_MIN_POSTS = 30;
/** The fit: Adam's step, its steps over the whole batch, and the L2 penalty (λ/2 Σw² on the mean loss). */
const FIT = { learningRate: 0.05, steps: 300, l2: 1e-4 };

interface Pair {
  /**
   * The signals' features (PAIR_FEATURES); then for each letter or pair of the vocabulary 1 or 0, whether both
   * texts use it (its `always` weight); then the same times the pair's nearness in time (its `sooner` weight).
   */
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

/** The letters and pairs at least LETTER_MIN_POSTS of the part's problem texts use, in a fixed order. */
function letterVocabulary(reports: ReturnType<typeof profiled>): string[] {
  const posts = new Map<string, number>();
  for (const report of reports) for (const letter of problemLetters(report.profile.problem)) posts.set(letter, (posts.get(letter) ?? 0) + 1);
  return [...posts].filter(([, count]) => count >= LETTER_MIN_POSTS).map(([letter]) => letter).sort();
}

/** Every pair the filter would score, in arrival order. */
function candidatePairs(reports: ReturnType<typeof profiled>, vocabulary: readonly string[]): Pair[] {
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
      // (A repost is told by its wording, not by a score: the model's own score may round to 1.)
      if (signals.sameContact || signals.place === 'DIFFERENT' || signals.distanceMeters !== null || isRepost(signals)) continue;
      const features = pairFeatures(signals);
      const [mine, theirs] = [problemLetters(report.profile.problem), problemLetters(other.profile.problem)];
      const shared = vocabulary.map((letter) => (mine.has(letter) && theirs.has(letter) ? 1 : 0));
      const nearness = 1 - features.daysApart;
      pairs.push({ features: [...PAIR_FEATURES.map((name) => features[name]), ...shared, ...shared.map((both) => both * nearness)], same: report.gold === other.gold, report: index, ids: [report.id, other.id] });
    }
    for (const key of report.keys.own) filed.set(key, [...(filed.get(key) ?? []), index]);
  });
  return pairs;
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

async function fit(pairs: Pair[]): Promise<{ intercept: number; weights: number[] }> {
  tf.env().set('PROD', true);
  await tf.setBackend('cpu');
  const width = pairs[0]!.features.length;
  const x = tf.tensor2d(pairs.map((pair) => pair.features));
  const y = tf.tensor2d(pairs.map((pair) => [pair.same ? 1 : 0]));
  const weights = tf.variable(tf.zeros([width, 1]));
  const intercept = tf.variable(tf.scalar(0));
  const optimizer = tf.train.adam(FIT.learningRate);
  for (let step = 0; step < FIT.steps; step++) {
    tf.tidy(() => {
      optimizer.minimize(() => tf.add(tf.losses.sigmoidCrossEntropy(y, tf.add(tf.matMul(x, weights), intercept)), tf.mul(tf.sum(tf.square(weights)), FIT.l2 / 2)) as tf.Scalar);
    });
    if (step % 50 === 0) process.stderr.write(`fit: step ${step} of ${FIT.steps}\n`);
  }
  const fitted = { intercept: (await intercept.data())[0]!, weights: [...(await weights.data())] };
  tf.dispose([x, y, weights, intercept]);
  optimizer.dispose();
  return fitted;
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
  // until more than REVIEW_SHARE of the reports would wait for an operator, counting a report's best candidate
  // only: the filter also queues a report with up to two more cases (MORE_SUGGESTIONS), which bench:dedup counts
  // (19.1 suggestions per 100 development reports at this reviewAt).
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

async function main() {
  if (args.includes('--terms')) {
    process.stderr.write('counting term frequencies over ../shared/data\n');
    writeFileSync(DEFAULT_DEDUP_TERMS_FILE, `${JSON.stringify(termFrequencies(corpusPosts()))}\n`);
  }
  process.stderr.write('profiling the development part of the set labelled by meaning\n');
  const development = profiled(splitPart(meaningSet(), 'development'));
  const vocabulary = letterVocabulary(development);
  const pairs = candidatePairs(development, vocabulary);
  const dumpAt = args.indexOf('--dump-pairs');
  const sharedOf = (pair: Pair) => vocabulary.filter((_, i) => pair.features[PAIR_FEATURES.length + i] === 1).join(' ');
  if (dumpAt >= 0) writeFileSync(args[dumpAt + 1]!, pairs.map((pair) => [pair.same ? 1 : 0, ...pair.features.slice(0, PAIR_FEATURES.length), sharedOf(pair), ...pair.ids].join(',')).join('\n'));
  process.stderr.write(`fitting on ${pairs.length} candidate pairs, ${PAIR_FEATURES.length} signals and ${vocabulary.length} letters and pairs\n`);
  const model = await fit(pairs);
  const chosen = thresholds(pairs, model, development.length);
  const round = (x: number) => Math.round(x * 1000) / 1000;
  const letters = vocabulary
    .map((letter, i) => ({ letter, always: round(model.weights[PAIR_FEATURES.length + i]!), sooner: round(model.weights[PAIR_FEATURES.length + vocabulary.length + i]!) }))
    .filter(({ always, sooner }) => always !== 0 || sooner !== 0)
    // Heaviest first, as the letter weighs between two reports written the same day.
    .sort((a, b) => b.always + b.sooner - (a.always + a.sooner) || (a.letter < b.letter ? -1 : 1));
  const block = [
    'model:',
    `  intercept: ${round(model.intercept)}`,
    '  weights:',
    ...PAIR_FEATURES.map((name, i) => `    ${name}: ${round(model.weights[i]!)}`),
    '  # Each letter or pair of letters both problem texts use adds `always`, and `sooner` times the two reports\' nearness in',
    '  # time (1 the same day, 0 a year apart): src/dedup/sharedLetters.ts. Heaviest first, as between two reports of one day.',
    '  sharedLetters:',
    ...letters.map(({ letter, always, sooner }) => `    ${letter}: { always: ${always}, sooner: ${sooner} }`),
  ].join('\n');
  if (!args.includes('--dry-run')) {
    const yaml = readFileSync(DEFAULT_DEDUP_RULES_FILE, 'utf8')
      .replace(/^mergeAt: .*$/m, `mergeAt: ${chosen.mergeAt}`)
      .replace(/^reviewAt: .*$/m, `reviewAt: ${chosen.reviewAt}`)
      .replace(/^model:[\s\S]*$/m, `${block}\n`);
    writeFileSync(DEFAULT_DEDUP_RULES_FILE, yaml);
  }
  const heaviest = letters.slice(0, 20).map(({ letter }) => letter).join(' ');
  process.stdout.write(`${JSON.stringify({ ...chosen, intercept: round(model.intercept), weights: Object.fromEntries(PAIR_FEATURES.map((name, i) => [name, round(model.weights[i]!)])), letters: letters.length, heaviest }, null, 2)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
