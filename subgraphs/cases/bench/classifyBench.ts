/**
 * `npm run bench:classify [-- --model FILE] [--tokens team]`: today's keyword rules (`classifyCategory`)
 * and the fitted classifier (`config/classifier.json`) side by side on the held-out part of the 泰迪杯
 * 附件2 posts (`tipdmPosts.ts`), as JSON on stdout (progress on stderr): accuracy, macro-F1, F1 per class,
 * confusion matrices (gold rows, answered columns), milliseconds per report.
 *
 * The full set has no raw text: both read the team's tokens glued back together (stop words and
 * punctuation gone, `A市` → `市`), which is what a raw report looks like after jieba and the drop words.
 * `rawSample` checks that on real raw text: the organisers' 495 raw posts whose copy in the full set is
 * held out, read as a report arrives (title, line break, body). `--tokens team` feeds the model the
 * team's own tokens instead (for a model fitted with `fit:classify -- --tokens team`).
 *
 * The rules answer one of our categories; it counts as the class `classOfCategory` gives (none for 其他,
 * 治安, 消防, 邻里纠纷, which is always wrong here). `intake` measures what intake files
 * (`src/categoryDecision.ts`): the rules for dangers and, unless the model is sure, for matters outside its
 * classes; else the model's class with the rules' leaf inside it.
 */
import { classifyCategory } from '@huying/schema';
import { decideCategory } from '../src/categoryDecision';
import { CLASSIFIER_LABELS, classOfCategory } from '../src/classifier/labels';
import { DEFAULT_CLASSIFIER_FILE, loadClassifier } from '../src/classifier/model';
import { joinedText, rawSamplePosts, tipdmPosts } from './tipdmPosts';

const args = process.argv.slice(2);
const option = (name: string) => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
};
const log = (message: string) => process.stderr.write(`[bench:classify] ${message}\n`);
const NONE = '(none)';
const round = (value: number, digits = 4) => Math.round(value * 10 ** digits) / 10 ** digits;

interface Scored {
  accuracy: number;
  macroF1: number;
  f1: Record<string, number>;
  /** gold class → answered class → posts. */
  confusion: Record<string, Record<string, number>>;
}

function score(gold: readonly string[], answered: readonly string[]): Scored {
  const columns = [...CLASSIFIER_LABELS, NONE];
  const confusion = Object.fromEntries(CLASSIFIER_LABELS.map((label) => [label, Object.fromEntries(columns.map((column) => [column, 0]))])) as Record<string, Record<string, number>>;
  let right = 0;
  gold.forEach((label, i) => {
    confusion[label]![answered[i]!]! += 1;
    if (answered[i] === label) right++;
  });
  const f1 = Object.fromEntries(
    CLASSIFIER_LABELS.map((label) => {
      const tp = confusion[label]![label]!;
      const fn = Object.values(confusion[label]!).reduce((sum, count) => sum + count, 0) - tp;
      const fp = CLASSIFIER_LABELS.reduce((sum, other) => sum + (other === label ? 0 : confusion[other]![label]!), 0);
      return [label, round(tp + fp + fn === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn))];
    }),
  );
  const values = Object.values(f1);
  return { accuracy: round(right / gold.length), macroF1: round(values.reduce((sum, value) => sum + value, 0) / values.length), f1, confusion };
}

function timed<T>(items: readonly string[], run: (text: string) => T): { results: T[]; msPerReport: number; p99Ms: number } {
  const times: number[] = [];
  const results = items.map((text) => {
    const start = performance.now();
    const result = run(text);
    times.push(performance.now() - start);
    return result;
  });
  times.sort((a, b) => a - b);
  return { results, msPerReport: round(times.reduce((sum, t) => sum + t, 0) / times.length, 3), p99Ms: round(times[Math.floor(times.length * 0.99)] ?? 0, 3) };
}

function main() {
  const modelFile = option('--model') ?? DEFAULT_CLASSIFIER_FILE;
  const teamTokens = option('--tokens') === 'team';
  const posts = tipdmPosts();
  const heldOut = posts.filter((post) => post.heldOut);
  const texts = heldOut.map(joinedText);
  const gold = heldOut.map((post) => post.label);
  log(`${posts.length} posts, ${heldOut.length} held out; rules…`);

  const rules = timed(texts, (text) => classifyCategory(null, text).code);
  const rulesClasses = rules.results.map((code) => classOfCategory(code) ?? NONE);
  const rulesCodesByClass: Record<string, Record<string, number>> = {};
  heldOut.forEach((post, i) => {
    const codes = (rulesCodesByClass[post.label] ??= {});
    codes[rules.results[i]!] = (codes[rules.results[i]!] ?? 0) + 1;
  });

  log(`model ${modelFile}…`);
  const classifier = loadClassifier(modelFile);
  // jieba's dictionary loads on first use and the JIT compiles over the first calls: a running intake has done
  // both, so 200 training posts go through first (timed posts are held out all the same).
  for (const post of posts.filter((one) => !one.heldOut).slice(0, 200)) classifier.classify(joinedText(post));
  const model = teamTokens
    ? timed(heldOut.map((post) => post.tokens.join(' ')), (text) => classifier.classifyTokens(text.split(' ').map((token) => token.toLowerCase())))
    : timed(texts, (text) => classifier.classify(text));
  const modelClasses = model.results.map((result) => result.label);

  const thresholds = [0, 0.5, 0.7, 0.9];
  const byConfidence = thresholds.map((threshold) => {
    const sure = model.results.map((result, i) => [result, i] as const).filter(([result]) => result.confidence >= threshold);
    return { threshold, share: round(sure.length / heldOut.length), accuracy: round(sure.filter(([result, i]) => result.label === gold[i]).length / Math.max(1, sure.length)) };
  });
  // What intake files (src/categoryDecision.ts): the rules for dangers and matters outside the classes, else
  // the model's class with the rules' leaf inside it.
  log('intake\'s decision…');
  const intake = timed(texts, (text) => decideCategory(null, text, (input) => classifier.classify(input)));
  const sources: Record<string, number> = {};
  for (const decision of intake.results) sources[decision.source] = (sources[decision.source] ?? 0) + 1;

  log('raw sample…');
  const heldOutSampleIds = new Set(heldOut.flatMap((post) => (post.sampleMessageId ? [post.sampleMessageId] : [])));
  const raw = rawSamplePosts().filter((post) => heldOutSampleIds.has(post.messageId));
  const rawModel = raw.map((post) => classifier.classify(post.text).label);
  const rawRules = raw.map((post) => classOfCategory(classifyCategory(null, post.text).code) ?? NONE);
  const glued = new Map(heldOut.flatMap((post) => (post.sampleMessageId ? [[post.sampleMessageId, joinedText(post)] as const] : [])));
  const gluedModel = raw.map((post) => classifier.classify(glued.get(post.messageId)!).label);

  const report = {
    heldOut: { posts: heldOut.length, of: posts.length, classes: Object.fromEntries(CLASSIFIER_LABELS.map((label) => [label, gold.filter((g) => g === label).length])) },
    input: teamTokens ? "model: the team's tokens; rules: the tokens glued" : 'the tokens glued back together (jieba re-segments them for the model)',
    rules: { ...score(gold, rulesClasses), msPerReport: rules.msPerReport, p99Ms: rules.p99Ms, codesByGoldClass: rulesCodesByClass },
    model: { file: modelFile, ...score(gold, modelClasses), msPerReport: model.msPerReport, p99Ms: model.p99Ms, byConfidence },
    intake: { ...score(gold, intake.results.map((decision) => classOfCategory(decision.code) ?? NONE)), msPerReport: intake.msPerReport, p99Ms: intake.p99Ms, sources },
    rawSample: {
      posts: raw.length,
      modelOnRaw: round(rawModel.filter((label, i) => label === raw[i]!.label).length / Math.max(1, raw.length)),
      modelOnGlued: round(gluedModel.filter((label, i) => label === raw[i]!.label).length / Math.max(1, raw.length)),
      rulesOnRaw: round(rawRules.filter((label, i) => label === raw[i]!.label).length / Math.max(1, raw.length)),
      sameAnswerRawVsGlued: round(rawModel.filter((label, i) => label === gluedModel[i]).length / Math.max(1, raw.length)),
    },
  };
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  log('done');
}

main();
