import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { DEFAULT_DEDUP_RULES_FILE } from '../config';
import { dedupRulesFrom } from './dedupRules';

const defaults = parse(readFileSync(DEFAULT_DEDUP_RULES_FILE, 'utf8')) as Record<string, unknown>;

describe("the duplicate filter's rules", () => {
  it('reads the shipped default whole', () => {
    const rules = dedupRulesFrom(defaults);
    expect(rules.reviewAt).toBeLessThanOrEqual(rules.mergeAt);
    expect(Object.keys(rules.model.weights)).toHaveLength(Object.keys((defaults.model as { weights: object }).weights).length);
  });

  it("lays a city's file over the default: what it names changes, the rest stays", () => {
    const rules = dedupRulesFrom(defaults, { windowDays: 90, model: { weights: { daysApart: -5 } } });
    expect(rules.windowDays).toBe(90);
    expect(rules.model.weights.daysApart).toBe(-5);
    expect(rules.model.weights.words).toBe((defaults.model as { weights: { words: number } }).weights.words);
    expect(rules.mergeAt).toBe(defaults.mergeAt);
  });

  it("takes the letters' weights from the default, and a city's file changes or adds letters and pairs", () => {
    const shipped = (defaults.model as { sharedLetters: Record<string, { always: number; sooner: number }> }).sharedLetters;
    expect(dedupRulesFrom(defaults).model.sharedLetters.get('臭')).toEqual(shipped['臭']);
    const none = { always: 0, sooner: 0 };
    const rules = dedupRulesFrom(defaults, { model: { sharedLetters: { 臭: none, 堵: { always: 9, sooner: 1 }, 井盖: { always: 2, sooner: 0 } } } });
    expect(rules.model.sharedLetters.get('臭')).toEqual(none);
    expect(rules.model.sharedLetters.get('堵')).toEqual({ always: 9, sooner: 1 });
    expect(rules.model.sharedLetters.get('井盖')).toEqual({ always: 2, sooner: 0 });
    expect(rules.model.sharedLetters.size).toBe(new Set([...Object.keys(shipped), '堵', '井盖']).size);
    const bad = () => dedupRulesFrom(defaults, { model: { sharedLetters: { 臭气熏天: none, 堵: { always: 'a lot', sooner: 0 }, 破: 2 } } });
    expect(bad).toThrow(/model\.sharedLetters\.堵: \{ always, sooner \} numbers are needed/);
    expect(bad).toThrow(/model\.sharedLetters\.破: \{ always, sooner \} numbers are needed/);
    expect(bad).toThrow(/model\.sharedLetters\.臭气熏天: one letter or a pair is needed/);
  });

  it('names every bad entry of a city file in one error', () => {
    expect(() => dedupRulesFrom(defaults, { mergeAt: 'high', model: { weights: { colour: 1 } } })).toThrow(
      /mergeAt: a number is needed; model\.weights\.colour: no such feature/,
    );
    expect(() => dedupRulesFrom(defaults, { reviewAt: 0.99, mergeAt: 0.5 })).toThrow(/reviewAt: must not exceed mergeAt/);
  });
});
