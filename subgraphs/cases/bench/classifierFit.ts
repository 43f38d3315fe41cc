import { Dice } from '@huying/synthetic';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import '@tensorflow/tfjs-backend-cpu';
import { grams, tfidfVector, type SparseVector } from '../src/classifier/features';
import { CLASSIFIER_LABELS, classOfCategory, type ClassifierLabel } from '../src/classifier/labels';
import type { ClassifierWeights } from '../src/classifier/model';

/**
 * Fits the classifier: TF-IDF over word unigrams and bigrams, the `maxTerms` grams that tell the classes
 * apart best (χ² of presence against each class, the largest over classes), then a softmax regression
 * with an L2 penalty fitted by TensorFlow.js's Adam on mini-batches. Starts from zero weights and visits
 * the posts in an order drawn from `seed`, so the same posts and options give the same weights.
 */
export interface FitOptions {
  /** Grams kept after the χ² ranking (bounds the weight file: ~65 bytes a gram). */
  maxTerms: number;
  /** Posts a gram must occur in to be considered. */
  minDf: number;
  epochs: number;
  batchSize: number;
  learningRate: number;
  /** Penalty on the sum of squared weights, added to the mean cross-entropy of a batch. */
  l2: number;
  seed: number;
  /** Decimals kept in the written weights. */
  decimals: number;
}

export const DEFAULT_FIT_OPTIONS: FitOptions = {
  maxTerms: 20_000,
  minDf: 2,
  epochs: 3,
  batchSize: 128,
  learningRate: 0.05,
  l2: 1e-6,
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

/** Grams ranked by how well their presence separates one class from the rest (χ², 2×2 table). */
function selectTerms(posts: readonly TrainingPost[], labelIndex: ReadonlyMap<string, number>, options: FitOptions): string[] {
  const width = labelIndex.size;
  const classSizes = new Array<number>(width).fill(0);
  const byClass = new Map<string, number[]>();
  for (const post of posts) {
    const k = labelIndex.get(post.label)!;
    classSizes[k]!++;
    for (const gram of new Set(grams(post.tokens))) {
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
  const termIndex = new Map(terms.map((term, index) => [term, index]));
  const df = new Array<number>(terms.length).fill(0);
  for (const post of posts) for (const gram of new Set(grams(post.tokens))) {
    const index = termIndex.get(gram);
    if (index !== undefined) df[index]!++;
  }
  const idf = df.map((count) => Math.log((posts.length + 1) / (count + 1)) + 1);
  const vectors: SparseVector[] = posts.map((post) => tfidfVector(post.tokens, termIndex, idf));
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
  const weights = tf.variable(tf.zeros([terms.length, width]));
  const bias = tf.variable(tf.zeros([width]));
  const optimizer = tf.train.adam(options.learningRate);
  // A seeded visiting order, so the same posts and options give the same weights.
  const dice = new Dice(options.seed);
  const order = posts.map((_, index) => index);
  try {
    for (let epoch = 0; epoch < options.epochs; epoch++) {
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
          return optimizer.minimize(
            () => tf.add(tf.losses.softmaxCrossEntropy(y, tf.add(tf.matMul(x, weights), bias)), tf.mul(tf.sum(tf.square(weights)), options.l2)) as tf.Scalar,
            true,
          )!;
        });
        lossSum += (await loss.data())[0]!;
        loss.dispose();
        batches++;
      }
      progress('epoch', { epoch: epoch + 1, loss: lossSum / batches });
    }
    const scale = 10 ** options.decimals;
    const round = (value: number) => Math.round(value * scale) / scale;
    const rows = (await weights.array()) as number[][];
    return {
      format: 'huying-text-classifier/1',
      labels: [...labels],
      dropWords: [...new Set(dropWords)].sort(),
      terms,
      idf: idf.map((value) => Math.round(value * 1e4) / 1e4),
      weights: rows.map((row) => row.map(round)),
      bias: ((await bias.array()) as number[]).map(round),
    };
  } finally {
    weights.dispose();
    bias.dispose();
    optimizer.dispose();
  }
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
