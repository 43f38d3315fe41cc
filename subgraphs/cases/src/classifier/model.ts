import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { termIndex, textTokens, tfidfVector } from './features';
import { CLASSIFIER_LABELS, type ClassifierLabel } from './labels';

/** The fitted weights as `npm run fit:classify` writes them (see config/CLASSIFIER.md). */
export interface ClassifierWeights {
  format: 'huying-text-classifier/1';
  /** Class names, in the order of each weight row. */
  labels: string[];
  /** Words left out before the grams are formed (stop words the training text did not have). */
  dropWords: string[];
  /** The factor on W·x + b before the softmax that makes its scores probabilities (1 when absent). */
  scale?: number;
  /** Letter runs read, 1 to this many letters long (none when absent: a model of words alone). */
  letters?: number;
  /** Unigrams, bigrams (words joined by a space) and letter runs (led by a space), with their idf and one weight per label. */
  terms: string[];
  idf: number[];
  weights: number[][];
  bias: number[];
  /** How and on what it was fitted (free form, for reading). */
  fitted?: Record<string, unknown>;
}

export interface Classification {
  label: ClassifierLabel;
  /** The winning class's softmax probability, in [0, 1]. */
  confidence: number;
  /** Every class's probability (they add up to 1). */
  scores: Record<ClassifierLabel, number>;
}

export interface TextClassifier {
  classify(text: string): Classification;
  /** The same on words already segmented (and dropped) as `textTokens` does. */
  classifyTokens(tokens: readonly string[]): Classification;
  readonly dropWords: ReadonlySet<string>;
}

export const DEFAULT_CLASSIFIER_FILE = join(__dirname, '..', '..', 'config', 'classifier.json');

/** A linear model over TF-IDF grams and letter runs: scores = softmax(scale × (W·x + b)). */
export function textClassifier(model: ClassifierWeights): TextClassifier {
  if (model.format !== 'huying-text-classifier/1') throw new Error(`unknown classifier format ${String(model.format)}`);
  const labels = model.labels as ClassifierLabel[];
  for (const label of labels) if (!(CLASSIFIER_LABELS as readonly string[]).includes(label)) throw new Error(`unknown class ${label}`);
  const width = labels.length;
  if (model.terms.length !== model.idf.length || model.terms.length !== model.weights.length || model.bias.length !== width) {
    throw new Error('classifier weights: terms, idf, weights and bias do not line up');
  }
  const terms = termIndex(model.terms);
  const idf = Float64Array.from(model.idf);
  const weights = new Float64Array(model.terms.length * width);
  model.weights.forEach((row, index) => {
    if (row.length !== width) throw new Error(`classifier weights: row ${index} has ${row.length} weights`);
    weights.set(row, index * width);
  });
  const dropWords = new Set(model.dropWords);
  const letters = model.letters ?? 0;
  const scale = model.scale ?? 1;

  const classifyTokens = (tokens: readonly string[]): Classification => {
    const vector = tfidfVector(tokens, terms, idf, letters);
    const logits = Float64Array.from(model.bias);
    vector.indices.forEach((index, at) => {
      const value = vector.values[at]!;
      for (let k = 0; k < width; k++) logits[k]! += weights[index * width + k]! * value;
    });
    for (let k = 0; k < width; k++) logits[k]! *= scale;
    const top = Math.max(...logits);
    const exps = Array.from(logits, (logit) => Math.exp(logit - top));
    const total = exps.reduce((sum, value) => sum + value, 0);
    let best = 0;
    for (let k = 1; k < width; k++) if (exps[k]! > exps[best]!) best = k;
    const scores = Object.fromEntries(labels.map((label, k) => [label, exps[k]! / total])) as Record<ClassifierLabel, number>;
    return { label: labels[best]!, confidence: exps[best]! / total, scores };
  };
  return { classify: (text) => classifyTokens(textTokens(firstPart(text), dropWords)), classifyTokens, dropWords };
}

/**
 * The characters of a report the model reads: its title and the start of its text. A report's time grows with its
 * length (9,000 letters took ~8 ms); on the training posts, the 363 longer than this changed 4 answers when cut.
 */
export const CLASSIFIED_CHARACTERS = 1000;

function firstPart(text: string): string {
  if (text.length <= CLASSIFIED_CHARACTERS) return text;
  // Never half a letter: a letter past U+FFFF is two UTF-16 units.
  const end = /[\uD800-\uDBFF]/.test(text[CLASSIFIED_CHARACTERS - 1]!) ? CLASSIFIED_CHARACTERS - 1 : CLASSIFIED_CHARACTERS;
  return text.slice(0, end);
}

export function loadClassifier(file: string = DEFAULT_CLASSIFIER_FILE): TextClassifier {
  return textClassifier(JSON.parse(readFileSync(file, 'utf8')) as ClassifierWeights);
}

let shared: TextClassifier | null = null;

/** Classifies a raw complaint (title and body) with the shipped model, loaded on first use. */
export function classifyText(text: string): Classification {
  return (shared ??= loadClassifier()).classify(text);
}
