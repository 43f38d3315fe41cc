import { Dice } from '@huying/synthetic';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import '@tensorflow/tfjs-backend-cpu';
import { featureBlocks, termIndex, tfidfVector, type SparseVector } from '../src/classifier/features';
import { CLASSIFIER_LABELS, classOfCategory, type ClassifierLabel } from '../src/classifier/labels';
import type { ClassifierWeights } from '../src/classifier/model';

/**
 * Fits the classifier: TF-IDF over word unigrams and bigrams and letter runs (each block to unit length), the
 * `maxTerms` terms that tell the classes apart best (χ² of presence against each class, the largest over
 * classes), then a linear model with an L2 penalty fitted by TensorFlow.js's Adam on mini-batches, restarted
 * each epoch at a learning rate that falls by `decay`: softmax regression, or a linear SVM whose margins are
 * scaled into probabilities (temperature scaling on a fifth of the posts held back from a first fit). Starts
 * from zero weights and visits the posts in an order drawn from `seed`, so the same posts and options give the
 * same weights.
 */
export interface FitOptions {
  /** Terms kept after the χ² ranking (bounds the weight file: ~65 bytes a term). */
  maxTerms: number;
  /** Letter runs read, 1 to this many letters long (0: words alone). */
  letters: number;
  /** Posts a gram must occur in to be considered. */
  minDf: number;
  epochs: number;
  batchSize: number;
  learningRate: number;
  /** Each epoch's learning rate is the last one's times this. */
  decay: number;
  /** softmax regression, or a linear SVM (squared hinge, one vs rest) whose margins are then calibrated. */
  loss: 'softmax' | 'squaredHinge';
  /** Penalty on the sum of squared weights, added to the mean cross-entropy of a batch. */
  l2: number;
  seed: number;
  /** Decimals kept in the written weights. */
  decimals: number;
}

export const DEFAULT_FIT_OPTIONS: FitOptions = {
  maxTerms: 40_000,
  letters: 3,
  minDf: 2,
  epochs: 8,
  batchSize: 128,
  learningRate: 0.01,
  decay: 0.7,
  loss: 'squaredHinge',
  l2: 2e-5,
  seed: 20_200_519,
  decimals: 4,
};

export interface TrainingPost {
  /** Words as `textTokens` gives them. */
  tokens: readonly string[];
  label: ClassifierLabel;
}

export interface FitProgress {
  (message: string, figures?: Record<string, number>): void;
}

/** A post's terms: its word grams and letter runs. */
const termsOf = (post: TrainingPost, options: FitOptions) => new Set(featureBlocks(post.tokens, options.letters).flat());

/** Terms ranked by how well their presence separates one class from the rest (χ², 2×2 table). */
function selectTerms(posts: readonly TrainingPost[], labelIndex: ReadonlyMap<string, number>, options: FitOptions): string[] {
  const width = labelIndex.size;
  const classSizes = new Array<number>(width).fill(0);
  const byClass = new Map<string, number[]>();
  for (const post of posts) {
    const k = labelIndex.get(post.label)!;
    classSizes[k]!++;
    for (const gram of termsOf(post, options)) {
      let counts = byClass.get(gram);
      if (!counts) byClass.set(gram, (counts = new Array<number>(width).fill(0)));
      counts[k]!++;
    }
  }
  const n = posts.length;
  const scored: [string, number][] = [];
  for (const [gram, counts] of byClass) {
    const df = counts.reduce((sum, count) => sum + count, 0);
    if (df < options.minDf) continue;
    let best = 0;
    counts.forEach((a, k) => {
      const b = df - a;
      const c = classSizes[k]! - a;
      const d = n - df - c;
      const denominator = (a + c) * (b + d) * (a + b) * (c + d);
      if (denominator > 0) best = Math.max(best, (n * (a * d - b * c) ** 2) / denominator);
    });
    scored.push([gram, best]);
  }
  scored.sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
  return scored.slice(0, options.maxTerms).map(([gram]) => gram).sort();
}

export async function fitClassifier(
  posts: readonly TrainingPost[],
  dropWords: readonly string[],
  options: FitOptions = DEFAULT_FIT_OPTIONS,
  progress: FitProgress = () => {},
): Promise<ClassifierWeights> {
  tf.env().set('PROD', true);
  await tf.setBackend('cpu');
  const labels = CLASSIFIER_LABELS.filter((label) => posts.some((post) => post.label === label));
  if (labels.length < 2) throw new Error('fitClassifier: the posts need at least two classes');
  const labelIndex = new Map<string, number>(labels.map((label, k) => [label, k]));
  const width = labels.length;

  const terms = selectTerms(posts, labelIndex, options);
  const termLookup = termIndex(terms);
  const df = new Array<number>(terms.length).fill(0);
  for (const post of posts) for (const gram of termsOf(post, options)) {
    const term = termLookup.byText.get(gram);
    if (term !== undefined) df[term]!++;
  }
  const idf = df.map((count) => Math.log((posts.length + 1) / (count + 1)) + 1);
  const vectors: SparseVector[] = posts.map((post) => tfidfVector(post.tokens, termLookup, idf, options.letters));
  const targets = posts.map((post) => labelIndex.get(post.label)!);
  progress('features', { posts: posts.length, terms: terms.length });

  const dense = (rows: readonly number[]) => {
    const values = new Float32Array(rows.length * terms.length);
    rows.forEach((row, r) => {
      const vector = vectors[row]!;
      vector.indices.forEach((index, at) => (values[r * terms.length + index] = vector.values[at]!));
    });
    return tf.tensor2d(values, [rows.length, terms.length]);
  };
  // A seeded visiting order, so the same posts and options give the same weights.
  const dice = new Dice(options.seed);

  /** Weights fitted on some of the posts (by index). */
  const train = async (part: readonly number[]) => {
    const weights = tf.variable(tf.zeros([terms.length, width]));
    const bias = tf.variable(tf.zeros([width]));
    const order = [...part];
    try {
      for (let epoch = 0; epoch < options.epochs; epoch++) {
        const optimizer = tf.train.adam(options.learningRate * options.decay ** epoch);
        for (let i = order.length - 1; i > 0; i--) {
          const j = dice.int(0, i);
          [order[i], order[j]] = [order[j]!, order[i]!];
        }
        let lossSum = 0;
        let batches = 0;
        for (let start = 0; start < order.length; start += options.batchSize) {
          const rows = order.slice(start, start + options.batchSize);
          const loss = tf.tidy(() => {
            const x = dense(rows);
            const y = tf.oneHot(tf.tensor1d(rows.map((row) => targets[row]!), 'int32'), width);
            return optimizer.minimize(() => tf.add(fitLoss(options.loss, y, tf.add(tf.matMul(x, weights), bias)), tf.mul(tf.sum(tf.square(weights)), options.l2)) as tf.Scalar, true)!;
          });
          lossSum += (await loss.data())[0]!;
          loss.dispose();
          batches++;
        }
        optimizer.dispose();
        progress('epoch', { posts: part.length, epoch: epoch + 1, loss: lossSum / batches });
      }
      return { weights: (await weights.array()) as number[][], bias: (await bias.array()) as number[] };
    } finally {
      weights.dispose();
      bias.dispose();
    }
  };
  const margins = (fitted: { weights: number[][]; bias: number[] }, row: number) => {
    const out = [...fitted.bias];
    vectors[row]!.indices.forEach((index, at) => fitted.weights[index]!.forEach((weight, k) => (out[k]! += weight * vectors[row]!.values[at]!)));
    return out;
  };

  const all = posts.map((_, index) => index);
  let scale = 1;
  if (options.loss === 'squaredHinge') {
    // A margin is no probability: the scale that makes softmax(scale × margins) tell the classes of posts the
    // weights never saw (a seeded fifth held back), then the weights fitted on every post.
    const held = new Set(all.filter(() => dice.int(0, 4) === 0));
    const fitted = await train(all.filter((index) => !held.has(index)));
    scale = calibrationScale([...held].map((row) => margins(fitted, row)), [...held].map((row) => targets[row]!));
    progress('calibration', { posts: held.size, scale });
  }
  const fitted = await train(all);
  const rounding = 10 ** options.decimals;
  const round = (value: number) => Math.round(value * rounding) / rounding;
  return {
    format: 'huying-text-classifier/1',
    labels: [...labels],
    dropWords: [...new Set(dropWords)].sort(),
    ...(options.letters > 0 ? { letters: options.letters } : {}),
    ...(scale !== 1 ? { scale: Math.round(scale * 1e4) / 1e4 } : {}),
    terms,
    idf: idf.map((value) => Math.round(value * 1e4) / 1e4),
    weights: fitted.weights.map((row) => row.map(round)),
    bias: fitted.bias.map(round),
  };
}

/** A batch's mean loss: softmax's cross-entropy, or one-vs-rest squared hinge (a linear SVM's, as LIBLINEAR's default). */
function fitLoss(loss: FitOptions['loss'], y: tf.Tensor, logits: tf.Tensor): tf.Scalar {
  if (loss === 'softmax') return tf.losses.softmaxCrossEntropy(y, logits) as tf.Scalar;
  const signs = tf.sub(tf.mul(y, 2), 1);
  return tf.mean(tf.sum(tf.square(tf.relu(tf.sub(1, tf.mul(signs, logits)))), 1));
}

/**
 * Temperature scaling: the factor on the margins whose softmax gives the known classes the most likelihood
 * (golden-section search over [0.01, 100] on a log scale; the likelihood is unimodal in it).
 */
export function calibrationScale(margins: readonly (readonly number[])[], targets: readonly number[]): number {
  const logLikelihood = (scale: number) =>
    margins.reduce((sum, row, i) => {
      const top = Math.max(...row) * scale;
      const total = row.reduce((acc, margin) => acc + Math.exp(margin * scale - top), 0);
      return sum + row[targets[i]!]! * scale - top - Math.log(total);
    }, 0);
  let low = Math.log(0.01);
  let high = Math.log(100);
  const ratio = (Math.sqrt(5) - 1) / 2;
  for (let step = 0; step < 60; step++) {
    const a = high - ratio * (high - low);
    const b = low + ratio * (high - low);
    if (logLikelihood(Math.exp(a)) < logLikelihood(Math.exp(b))) low = a;
    else high = b;
  }
  return Math.exp((low + high) / 2);
}

/**
 * Operators' corrections as training posts: each corrected case's words under the class of the category it
 * was put in. A category outside the seven classes (治安, 消防, 邻里纠纷, 其他) teaches the classifier nothing.
 */
export function trainingPostsOfCorrections(
  corrections: readonly { code: string; text: string }[],
  segment: (text: string) => string[],
): { posts: TrainingPost[]; skipped: number } {
  const posts: TrainingPost[] = [];
  for (const correction of corrections) {
    const label = classOfCategory(correction.code);
    if (label) posts.push({ tokens: segment(correction.text), label });
  }
  return { posts, skipped: corrections.length - posts.length };
}
