import { COUNT_BURST_DEFAULTS, countBursts, type CountBurstOptions } from './countBurst';
import { burstAlert, type EmergingAlert } from './emergingAlerts';

/**
 * The third detector: problems outside the category tree. A request no keyword of the tree names, whose
 * class the classifier only guessed, says nothing to the place × problem and share detectors, which count by
 * category; a new kind of problem (a new scam, a new device, a new service) arrives exactly that way. Such
 * requests are grouped online by what their titles say, and a group that grows past its own history alerts
 * like any other series.
 */
/** One request the tree places poorly: its day, and its case's id and title (its case's reports count each). */
export interface PoorlyPlacedRequest {
  /** Day number of the scan (0 = its first day). */
  day: number;
  caseId: string;
  title: string;
}

export interface NewProblemOptions {
  /** The classifier's probability under which a request no keyword of the tree names counts as unplaced (its class a guess). */
  placedFrom: number;
  /**
   * Cosine (letter pairs of the title, weighted by how rare each pair is among the poorly placed requests
   * seen so far) from which a request joins a group rather than starting one.
   */
  similarity: number;
  /** A group that has had no request for this many days takes no more (its problem is over). */
  idleDays: number;
  /** The burst test on each group's daily count (a new group's history is quiet: its floor rate). */
  burst: CountBurstOptions;
}

/**
 * Chosen on `npm run bench:alerts` (its `newProblems` part): on 6,112 real message-board posts (1,427 of them
 * named by no keyword of the tree and placed by the classifier under 0.97) no alert; of 60 injected problems the
 * tree has no branch for, 53 % alerted by the day their 10th request came in, median 2 days ahead (45 % of
 * their requests the tree or the classifier placed, and so never reach this detector). The classifier of
 * letter runs is surer than the one before: at 0.9 its pool held 1,110 posts and 48 % of the bursts alerted,
 * at 0.95 52 %, and from 0.97 (to 0.99) 53 % again, with no alert on the real posts at any of them. The place × problem
 * detector's test, a week's window with the baseline a week behind it: a new problem's first requests come a
 * day or two apart, and must not enter its own baseline before they are tested. Its tail stays at 0.001: the
 * place × problem detector's 0.002 alerted no more of these bursts (52 %).
 */
export const NEW_PROBLEM_DEFAULTS: NewProblemOptions = {
  placedFrom: 0.97,
  similarity: 0.25,
  idleDays: 30,
  burst: { ...COUNT_BURST_DEFAULTS, alpha: 0.001 },
};

/** A group of poorly placed requests that say the same thing, with its daily counts over the scan. */
export interface TextGroup {
  /** Its first request's case: a name every scan of the same days gives it alike. */
  key: string;
  /** Its first request's title, as the command centre reads it. */
  label: string;
  counts: number[];
  /** Its requests' cases by the day each request came in. */
  cases: { day: number; caseId: string }[];
}

/**
 * Letter pairs of a title (Han letters, digits and Latin words; punctuation and spaces cut a run): what
 * two titles about one thing share however each is worded around it.
 */
export function titlePairs(title: string): Set<string> {
  const pairs = new Set<string>();
  const runs = title.normalize('NFKC').toLowerCase().split(/[^\p{L}\p{N}]+/u);
  for (const run of runs) {
    const letters = [...run];
    if (letters.length === 1) pairs.add(letters[0]!);
    for (let at = 0; at + 1 < letters.length; at++) pairs.add(letters[at]! + letters[at + 1]!);
  }
  return pairs;
}

interface OpenGroup extends TextGroup {
  /** How many of its titles hold each pair: the group's centroid. */
  pairCounts: Map<string, number>;
  lastDay: number;
}

/**
 * Groups the requests in order (by day, then case), each against the groups still open: the most similar
 * takes it when it reaches `similarity`, else it starts a group. Pair weights are what the requests before
 * it and itself say (no look-ahead): a replay a day at a time groups as living through it did.
 */
export function textGroups(requests: readonly PoorlyPlacedRequest[], days: number, options: NewProblemOptions = NEW_PROBLEM_DEFAULTS): TextGroup[] {
  const ordered = [...requests].sort((a, b) => a.day - b.day || (a.caseId < b.caseId ? -1 : a.caseId > b.caseId ? 1 : 0));
  const documentCounts = new Map<string, number>();
  let documents = 0;
  const weight = (pair: string) => Math.log((1 + documents) / (1 + (documentCounts.get(pair) ?? 0))) + 1;
  const groups: OpenGroup[] = [];
  for (const request of ordered) {
    const pairs = titlePairs(request.title);
    if (pairs.size === 0) continue;
    documents += 1;
    for (const pair of pairs) documentCounts.set(pair, (documentCounts.get(pair) ?? 0) + 1);
    let best: OpenGroup | null = null;
    let bestSimilarity = 0;
    for (const group of groups) {
      if (request.day - group.lastDay > options.idleDays) continue;
      const similarity = cosine(pairs, group.pairCounts, weight);
      if (similarity > bestSimilarity) [best, bestSimilarity] = [group, similarity];
    }
    if (!best || bestSimilarity < options.similarity) {
      best = { key: request.caseId, label: request.title, counts: new Array<number>(days).fill(0), cases: [], pairCounts: new Map(), lastDay: request.day };
      groups.push(best);
    }
    for (const pair of pairs) best.pairCounts.set(pair, (best.pairCounts.get(pair) ?? 0) + 1);
    best.counts[request.day]! += 1;
    best.cases.push({ day: request.day, caseId: request.caseId });
    best.lastDay = request.day;
  }
  return groups.map(({ key, label, counts, cases }) => ({ key, label, counts, cases }));
}

/** Cosine of a title's pairs (each once) against a group's pair counts, both weighted by rarity. */
function cosine(pairs: ReadonlySet<string>, centroid: ReadonlyMap<string, number>, weight: (pair: string) => number): number {
  let dot = 0;
  let titleNorm = 0;
  for (const pair of pairs) {
    const w = weight(pair);
    titleNorm += w * w;
    const count = centroid.get(pair);
    if (count !== undefined) dot += w * w * count;
  }
  let centroidNorm = 0;
  for (const [pair, count] of centroid) {
    const w = weight(pair) * count;
    centroidNorm += w * w;
  }
  return dot === 0 ? 0 : dot / Math.sqrt(titleNorm * centroidNorm);
}

/** A new-problem alert: the group's place in the alert's key, its label as the place's name, its own cases. */
export interface NewProblemAlert extends EmergingAlert {
  caseIds: string[];
}

/** The category a new problem is filed under: the tree's 其他 (it is outside every other branch). */
export const NEW_PROBLEM_CATEGORY = '9901';

/**
 * Alerts on each group of poorly placed requests against its own history and, given the city's requests per
 * day (`city`), the rest of the city's volume (`countBursts`).
 */
export function newProblemAlerts(requests: readonly PoorlyPlacedRequest[], days: number, options: NewProblemOptions = NEW_PROBLEM_DEFAULTS, city?: readonly number[]): NewProblemAlert[] {
  return textGroups(requests, days, options).flatMap((group) =>
    countBursts(group.counts, options.burst, city).alerts.map((alert) => {
      const from = alert.openedDay - options.burst.windowDays + 1;
      return {
        ...burstAlert({ detector: 'NEW_PROBLEM', place: `text:${group.key}`, placeName: group.label, categoryCode: NEW_PROBLEM_CATEGORY }, alert),
        caseIds: [...new Set(group.cases.filter((entry) => entry.day >= from && entry.day <= alert.lastUnusualDay).map((entry) => entry.caseId))],
      };
    }),
  );
}
