/**
 * Pairwise precision/recall/F1 and B-cubed for a clustering against gold labels. `gold[i]` and
 * `predicted[i]` are the gold issue and the case of report i. Pair counts come from the contingency
 * table (no n² loop), so a million reports are fine.
 */
export interface ClusterScores {
  reports: number;
  goldPairs: number;
  predictedPairs: number;
  truePairs: number;
  pairwise: { precision: number; recall: number; f1: number };
  bcubed: { precision: number; recall: number; f1: number };
}

const pairs = (n: number) => (n * (n - 1)) / 2;
const f1 = (p: number, r: number) => (p + r === 0 ? 0 : (2 * p * r) / (p + r));
const round = (x: number) => Math.round(x * 10000) / 10000;

export function clusterScores(gold: readonly string[], predicted: readonly string[]): ClusterScores {
  const goldSize = new Map<string, number>();
  const predictedSize = new Map<string, number>();
  const both = new Map<string, number>();
  for (let i = 0; i < gold.length; i++) {
    goldSize.set(gold[i]!, (goldSize.get(gold[i]!) ?? 0) + 1);
    predictedSize.set(predicted[i]!, (predictedSize.get(predicted[i]!) ?? 0) + 1);
    const key = `${gold[i]}\u0000${predicted[i]}`;
    both.set(key, (both.get(key) ?? 0) + 1);
  }
  let goldPairs = 0;
  let predictedPairs = 0;
  let truePairs = 0;
  for (const n of goldSize.values()) goldPairs += pairs(n);
  for (const n of predictedSize.values()) predictedPairs += pairs(n);
  for (const n of both.values()) truePairs += pairs(n);
  // B-cubed: for each report, the share of its predicted cluster that is its gold issue, and vice versa.
  let bp = 0;
  let br = 0;
  for (let i = 0; i < gold.length; i++) {
    const overlap = both.get(`${gold[i]}\u0000${predicted[i]}`)!;
    bp += overlap / predictedSize.get(predicted[i]!)!;
    br += overlap / goldSize.get(gold[i]!)!;
  }
  const precision = predictedPairs === 0 ? 1 : truePairs / predictedPairs;
  const recall = goldPairs === 0 ? 1 : truePairs / goldPairs;
  const n = Math.max(1, gold.length);
  return {
    reports: gold.length,
    goldPairs,
    predictedPairs,
    truePairs,
    pairwise: { precision: round(precision), recall: round(recall), f1: round(f1(precision, recall)) },
    bcubed: { precision: round(bp / n), recall: round(br / n), f1: round(f1(bp / n, br / n)) },
  };
}
