import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { casesSettings, DEFAULT_DEDUP_RULES_FILE } from '../config';
import { PAIR_FEATURES, type PairFeature } from './pairFeatures';
import type { LetterWeight } from './sharedLetters';

/**
 * The duplicate filter's rules: what differs per city sits in one documented default
 * (`config/dedup.yaml`, read it for what each number means) and a city's file (HUYING_DEDUP_RULES)
 * overrides the entries it names; the model's weights come from `npm run fit:dedup`.
 */
export interface DedupRules {
  /** Probability of "one issue" at and above which a report joins a case on its own. */
  mergeAt: number;
  /** ... and at and above which the pair goes to an operator's review queue (below: a new case). */
  reviewAt: number;
  /** Text similarity of a near-repost (the same post with a greeting or a title changed). */
  nearRepost: number;
  /** Metres within which two coordinates are one place, within which near, beyond which two places. */
  samePlaceMeters: number;
  nearPlaceMeters: number;
  differentPlaceMeters: number;
  /** How far back an open case's reports are merge candidates. */
  windowDays: number;
  /** How many of a report's heaviest problem words it is also filed under (0: places and wording only). */
  problemKeys: number;
  /** Pairs that both carry coordinates, weighed by hand: merge and review at a score, text counts in full at textSaturation. */
  located: {
    mergeAt: number;
    reviewAt: number;
    textSaturation: number;
    windowDays: number;
    sameSpotHours: number;
    weights: { text: number; place: number; category: number };
  };
  /**
   * The logistic model over `pairFeatures` and the letters and letter pairs both problem texts use:
   * P(one issue) = 1 / (1 + e^-(intercept + Σ weight × feature + Σ (always + sooner × nearness) of each shared letter)).
   */
  model: { intercept: number; weights: Record<PairFeature, number>; sharedLetters: ReadonlyMap<string, LetterWeight> };
}

const NUMBERS = ['mergeAt', 'reviewAt', 'nearRepost', 'samePlaceMeters', 'nearPlaceMeters', 'differentPlaceMeters', 'windowDays', 'problemKeys'] as const;
const LOCATED_NUMBERS = ['mergeAt', 'reviewAt', 'textSaturation', 'windowDays', 'sameSpotHours'] as const;

/** The default with `override` laid over it; every bad or missing entry is named in one error. */
export function dedupRulesFrom(defaults: unknown, override: unknown = {}): DedupRules {
  const base = (defaults ?? {}) as Record<string, unknown>;
  const over = (override ?? {}) as Record<string, unknown>;
  const merged: Record<string, unknown> = { ...base, ...over };
  const baseModel = (base.model ?? {}) as Record<string, unknown>;
  const overModel = (over.model ?? {}) as Record<string, unknown>;
  const model = {
    intercept: overModel.intercept ?? baseModel.intercept,
    weights: { ...((baseModel.weights ?? {}) as object), ...((overModel.weights ?? {}) as object) } as Record<string, unknown>,
    sharedLetters: { ...((baseModel.sharedLetters ?? {}) as object), ...((overModel.sharedLetters ?? {}) as object) } as Record<string, unknown>,
  };
  const problems: string[] = [];
  for (const name of NUMBERS) if (typeof merged[name] !== 'number' || !Number.isFinite(merged[name])) problems.push(`${name}: a number is needed`);
  if (typeof model.intercept !== 'number') problems.push('model.intercept: a number is needed');
  for (const feature of PAIR_FEATURES) if (typeof model.weights[feature] !== 'number') problems.push(`model.weights.${feature}: a number is needed`);
  for (const name of Object.keys(model.weights)) if (!(PAIR_FEATURES as readonly string[]).includes(name)) problems.push(`model.weights.${name}: no such feature`);
  for (const [letter, weight] of Object.entries(model.sharedLetters)) {
    const { always, sooner } = (weight ?? {}) as Record<string, unknown>;
    if (![1, 2].includes([...letter].length)) problems.push(`model.sharedLetters.${letter}: one letter or a pair is needed`);
    else if (![always, sooner].every((x) => typeof x === 'number' && Number.isFinite(x))) problems.push(`model.sharedLetters.${letter}: { always, sooner } numbers are needed`);
  }
  const located = { ...((base.located ?? {}) as object), ...((over.located ?? {}) as object) } as Record<string, unknown>;
  const locatedWeights = { ...(((base.located ?? {}) as { weights?: object }).weights ?? {}), ...(((over.located ?? {}) as { weights?: object }).weights ?? {}) } as Record<string, unknown>;
  for (const name of LOCATED_NUMBERS) if (typeof located[name] !== 'number') problems.push(`located.${name}: a number is needed`);
  for (const name of ['text', 'place', 'category']) if (typeof locatedWeights[name] !== 'number') problems.push(`located.weights.${name}: a number is needed`);
  if (!problems.length && !((merged.reviewAt as number) <= (merged.mergeAt as number))) problems.push('reviewAt: must not exceed mergeAt');
  if (problems.length) throw new Error(`duplicate filter rules: ${problems.join('; ')}`);
  return {
    ...(Object.fromEntries(NUMBERS.map((name) => [name, merged[name]])) as Omit<DedupRules, 'model' | 'located'>),
    located: { ...(Object.fromEntries(LOCATED_NUMBERS.map((name) => [name, located[name]])) as Omit<DedupRules['located'], 'weights'>), weights: locatedWeights as DedupRules['located']['weights'] },
    model: { intercept: model.intercept as number, weights: model.weights as DedupRules['model']['weights'], sharedLetters: new Map(Object.entries(model.sharedLetters) as [string, LetterWeight][]) },
  };
}

const readYaml = (path: string) => parse(readFileSync(path, 'utf8')) as unknown;

/** The city's rules, read once at start: the shipped default, overridden by HUYING_DEDUP_RULES when set. */
export const DEDUP_RULES: DedupRules = dedupRulesFrom(
  readYaml(DEFAULT_DEDUP_RULES_FILE),
  casesSettings.dedupRulesFile ? readYaml(casesSettings.dedupRulesFile) : {},
);
