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

/** Every gold pair (by index), cluster by cluster: labelled sets have small clusters. */
function* goldPairs(gold: readonly string[]): Generator<[number, number]> {
  const members = new Map<string, number[]>();
  gold.forEach((issue, i) => members.set(issue, [...(members.get(issue) ?? []), i]));
  for (const list of members.values()) {
    for (let a = 0; a < list.length; a++) for (let b = a + 1; b < list.length; b++) yield [list[a]!, list[b]!];
  }
}

export interface RecallDetail {
  /** Pairs in one case, or in two cases that a pending suggestion links (an operator is shown them). */
  queuedRecall: number;
  /** Pairwise recall per gold issue of two or more reports, averaged: a few giant issues cannot carry it. */
  recallPerIssue: number;
  /** Recall on the pairs that matter most: two different reporters, two different texts. */
  otherReporterOtherWords: { pairs: number; recall: number; queuedRecall: number };
  /** Share of the pending suggestions whose two cases hold one gold issue between them (an operator's time well spent). */
  suggestionsRight: number;
}

/**
 * Recall beyond the pairwise figure. `links` are pending suggestions as (case, case); `samePersonOrWording`
 * says of a gold pair whether it is one reporter's follow-up or a repost (left out of the hard pairs).
 */
export function recallDetail(
  gold: readonly string[],
  predicted: readonly string[],
  links: readonly (readonly [string, string])[],
  samePersonOrWording: (a: number, b: number) => boolean,
): RecallDetail {
  const linked = new Set(links.flatMap(([x, y]) => [`${x}\u0000${y}`, `${y}\u0000${x}`]));
  const perIssue = new Map<string, { pairs: number; found: number }>();
  let pairs = 0;
  let queued = 0;
  const hard = { pairs: 0, found: 0, queued: 0 };
  for (const [a, b] of goldPairs(gold)) {
    const found = predicted[a] === predicted[b];
    const shown = found || linked.has(`${predicted[a]}\u0000${predicted[b]}`);
    pairs += 1;
    if (shown) queued += 1;
    const issue = perIssue.get(gold[a]!) ?? { pairs: 0, found: 0 };
    issue.pairs += 1;
    if (found) issue.found += 1;
    perIssue.set(gold[a]!, issue);
    if (samePersonOrWording(a, b)) continue;
    hard.pairs += 1;
    if (found) hard.found += 1;
    if (shown) hard.queued += 1;
  }
  const issues = [...perIssue.values()];
  const issuesOf = new Map<string, Set<string>>();
  predicted.forEach((caseId, i) => issuesOf.set(caseId, (issuesOf.get(caseId) ?? new Set()).add(gold[i]!)));
  const right = links.filter(([x, y]) => [...(issuesOf.get(x) ?? [])].some((issue) => issuesOf.get(y)?.has(issue))).length;
  return {
    suggestionsRight: round(links.length === 0 ? 1 : right / links.length),
    queuedRecall: round(pairs === 0 ? 1 : queued / pairs),
    recallPerIssue: round(issues.length === 0 ? 1 : issues.reduce((sum, issue) => sum + issue.found / issue.pairs, 0) / issues.length),
    otherReporterOtherWords: {
      pairs: hard.pairs,
      recall: round(hard.pairs === 0 ? 1 : hard.found / hard.pairs),
      queuedRecall: round(hard.pairs === 0 ? 1 : hard.queued / hard.pairs),
    },
  };
}
