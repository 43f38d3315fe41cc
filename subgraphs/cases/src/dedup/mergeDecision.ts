import { categoriesCompatible, distanceMeters } from '@huying/schema';
import { placeAgreement, type PlaceAgreement } from './places';
import type { ReportProfile } from './reportProfile';
import { textSimilarity } from './textSimilarity';

/** The evidence behind a decision; stored with it so an operator sees why. */
export interface MatchSignals {
  /** Problem-text similarity 0…1 (places taken out first). */
  text: number;
  /** From coordinates when both have them, else from the places named. */
  place: PlaceAgreement;
  distanceMeters: number | null;
  hoursApart: number;
  category: 'SAME' | 'BRANCH' | 'UNKNOWN' | 'CONFLICT';
  sameContact: boolean;
  /** The whole text, places included, is the same letter for letter (a repost). */
  sameWording: boolean;
}

export type Verdict = 'MERGE' | 'REVIEW' | 'NEW';

export interface MergeDecision {
  verdict: Verdict;
  score: number;
  signals: MatchSignals;
}

/**
 * Thresholds, chosen for precision first (a wrong merge hides a complaint; a missed one costs an
 * operator a click): a merge needs the problem text to agree *and* a proven same place or an
 * identical text; a close call goes to the review queue, never straight in.
 */
export const MERGE_THRESHOLDS = {
  merge: 0.85,
  review: 0.55,
  /** Text similarity at which wording counts as "the same problem" in full. */
  textSaturation: 0.6,
  /** Text similarity of a near-repost (the same post with a greeting or a title changed). */
  nearRepost: 0.9,
  /** Metres within which two coordinates are one place, and beyond which they are two. */
  samePlaceMeters: 100,
  nearPlaceMeters: 300,
  differentPlaceMeters: 500,
  /** How far back an open case is a merge candidate. */
  windowDays: 45,
} as const;

const WEIGHTS = { text: 0.55, place: 0.3, category: 0.15 } as const;
const PLACE_SCORE: Record<PlaceAgreement, number> = { SAME: 1, NEAR: 0.5, UNKNOWN: 0, DIFFERENT: 0 };
const CATEGORY_SCORE: Record<MatchSignals['category'], number> = { SAME: 1, BRANCH: 0.5, UNKNOWN: 0.3, CONFLICT: 0 };

export function placeSignal(a: ReportProfile, b: ReportProfile): { place: PlaceAgreement; distanceMeters: number | null } {
  const named = placeAgreement(a.places, b.places);
  if (!a.location || !b.location) return { place: named, distanceMeters: null };
  const meters = distanceMeters(a.location, b.location);
  // Two named estates or house numbers that differ outrank nearby coordinates (neighbouring compounds).
  if (named === 'DIFFERENT') return { place: 'DIFFERENT', distanceMeters: meters };
  const t = MERGE_THRESHOLDS;
  const place: PlaceAgreement =
    meters <= t.samePlaceMeters ? 'SAME' : meters <= t.nearPlaceMeters ? 'NEAR' : meters > t.differentPlaceMeters ? 'DIFFERENT' : named;
  return { place, distanceMeters: Math.round(meters) };
}

export function categorySignal(a: string, b: string): MatchSignals['category'] {
  if (a.startsWith('99') || b.startsWith('99')) return 'UNKNOWN';
  if (a === b) return 'SAME';
  return categoriesCompatible(a, b) ? 'BRANCH' : 'CONFLICT';
}

/** Compares everything the two reports say; knows nothing of cases, SQL or GraphQL. */
export function compareReports(incoming: ReportProfile, earlier: ReportProfile): MatchSignals {
  const { place, distanceMeters: meters } = placeSignal(incoming, earlier);
  return {
    text: Math.round(textSimilarity(incoming.problem, earlier.problem) * 1000) / 1000,
    place,
    distanceMeters: meters,
    hoursApart: Math.round(Math.abs(incoming.receivedAt.getTime() - earlier.receivedAt.getTime()) / 36e5),
    category: categorySignal(incoming.categoryCode, earlier.categoryCode),
    sameContact: Boolean(incoming.contactHash && incoming.contactHash === earlier.contactHash),
    sameWording: incoming.problem.fingerprint.length > 0 && incoming.problem.fingerprint === earlier.problem.fingerprint,
  };
}

/**
 * The third tier: is the incoming report the same issue as an earlier one from someone else?
 * Two places that differ, or two categories that cannot both hold, rule a merge out whatever the text.
 */
export function mergeDecision(signals: MatchSignals): MergeDecision {
  const t = MERGE_THRESHOLDS;
  if (signals.place === 'DIFFERENT') return { verdict: 'NEW', score: 0, signals };
  const textScore = Math.min(1, signals.text / t.textSaturation);
  // A repost — the same words letter for letter, or with a title or a word or two changed — carries its
  // place with it, whether no place is named or only a road or river the two share.
  const repost = signals.sameWording || signals.text >= t.nearRepost;
  const wordingCarriesPlace = repost && (signals.place === 'UNKNOWN' || signals.place === 'NEAR');
  const placeScore = wordingCarriesPlace ? 1 : PLACE_SCORE[signals.place];
  let score = WEIGHTS.text * textScore + WEIGHTS.place * placeScore + WEIGHTS.category * CATEGORY_SCORE[signals.category];
  if (signals.category === 'CONFLICT') score *= 0.5;
  // An old case is a weaker candidate: a week is nothing, six weeks costs 15 %.
  const days = signals.hoursApart / 24;
  if (days > 7) score *= 1 - (0.15 * Math.min(days - 7, t.windowDays - 7)) / (t.windowDays - 7);
  score = Math.round(score * 1000) / 1000;
  // An automatic merge needs a proven same spot (or a repost): "the same road" or 100–300 m apart
  // holds many distinct lamps, drains and requests, so such a pair goes to an operator instead.
  const placeProven = signals.place === 'SAME' || signals.sameWording || wordingCarriesPlace;
  const verdict: Verdict = score >= t.merge && placeProven ? 'MERGE' : score >= t.review ? 'REVIEW' : 'NEW';
  return { verdict, score, signals };
}

/** How recently a closed case may still take the same person's repeat. */
export const REPEAT_REOPEN_DAYS = 7;

/** Beyond this many days, the same person's loosely similar text is a new matter, not a repeat. */
export const LOOSE_REPEAT_DAYS = 30;

/**
 * The second tier: the same person again (same contact hash), about the same problem, at a place that
 * does not contradict the earlier one. Looser on text than a merge, since the reporter is known — but
 * only for a month: months later the same person's similar words are mostly a new question about the
 * same town or estate (规划方案 then 扩容情况), so then the text must agree as for a merge.
 */
export function isRepeat(signals: MatchSignals): boolean {
  if (!signals.sameContact || signals.place === 'DIFFERENT' || signals.category === 'CONFLICT') return false;
  if (signals.hoursApart > LOOSE_REPEAT_DAYS * 24) return signals.text >= MERGE_THRESHOLDS.textSaturation;
  return signals.text >= 0.35 || (signals.text >= 0.2 && signals.place === 'SAME');
}
