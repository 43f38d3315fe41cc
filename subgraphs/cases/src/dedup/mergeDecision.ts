import { categoriesCompatible, distanceMeters } from '@huying/schema';
import { DEDUP_RULES, type DedupRules } from './dedupRules';
import { oneIssueProbability, timeApart } from './pairFeatures';
import { placeAgreement, sharedRoadSpot, type PlaceAgreement } from './places';
import type { ReportProfile } from './reportProfile';
import { sharedLetterEvidence } from './sharedLetters';
import { bigramDice, keywordCosine, letterCosine, letterCosineWithPlaces } from './textSimilarity';

/** The evidence behind a decision; stored with it so an operator sees why. */
export interface MatchSignals {
  /** Problem-text similarity 0…1 (places taken out first): the mean of `words` and `bigrams`, 1 for a repost. */
  text: number;
  /** Keyword cosine of the problem texts. */
  words: number;
  /** Letter cosine of the problem texts, letters weighted by rarity. */
  letters: number;
  /** Bigram Dice overlap of the problem texts. */
  bigrams: number;
  /** Letter cosine of the problem texts with the places they name (the stretch of a river or road). */
  lettersWithPlaces: number;
  /** The model's weights of the letters and letter pairs both problem texts use, at the pair's time apart, summed (`sharedLetterEvidence`): 臭 in 恶臭 and 黑臭. */
  sharedLetters: number;

  /** From coordinates when both have them, else from the places named. */
  place: PlaceAgreement;
  /** One spot: coordinates within samePlaceMeters, or the same house number or crossing named. */
  sameSpot: boolean;
  distanceMeters: number | null;
  hoursApart: number;
  category: 'SAME' | 'BRANCH' | 'UNKNOWN' | 'CONFLICT';
  /** Both categories were given by the channels (an agent's choice, a legacy system's type), neither guessed from the words. */
  categoriesStated: boolean;
  sameContact: boolean;
  /** The whole text, places included, is the same letter for letter (a repost). */
  sameWording: boolean;
}

export type Verdict = 'MERGE' | 'REVIEW' | 'NEW';

export interface MergeDecision {
  verdict: Verdict;
  /** P(one issue) under the city's model, or 1 for a repost, 0 for two places. */
  score: number;
  signals: MatchSignals;
}

/** The city's rules (`dedupRules.ts`); a test or a bench may pass its own. */
export const MERGE_THRESHOLDS: DedupRules = DEDUP_RULES;

export function placeSignal(
  a: ReportProfile,
  b: ReportProfile,
  rules: DedupRules = DEDUP_RULES,
): { place: PlaceAgreement; sameSpot: boolean; distanceMeters: number | null } {
  const named = placeAgreement(a.places, b.places);
  const namedSpot = named === 'SAME' && sharedRoadSpot(a.places, b.places);
  if (!a.location || !b.location) return { place: named, sameSpot: namedSpot, distanceMeters: null };
  const meters = distanceMeters(a.location, b.location);
  // Two named estates or house numbers that differ outrank nearby coordinates (neighbouring compounds).
  if (named === 'DIFFERENT') return { place: 'DIFFERENT', sameSpot: false, distanceMeters: meters };
  const place: PlaceAgreement =
    meters <= rules.samePlaceMeters ? 'SAME' : meters <= rules.nearPlaceMeters ? 'NEAR' : meters > rules.differentPlaceMeters ? 'DIFFERENT' : named;
  return { place, sameSpot: place !== 'DIFFERENT' && (meters <= rules.samePlaceMeters || namedSpot), distanceMeters: Math.round(meters) };
}

export function categorySignal(a: string, b: string): MatchSignals['category'] {
  if (a.startsWith('99') || b.startsWith('99')) return 'UNKNOWN';
  if (a === b) return 'SAME';
  return categoriesCompatible(a, b) ? 'BRANCH' : 'CONFLICT';
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;

const placeNames = new WeakMap<ReportProfile, string>();
const withPlaceNames = (profile: ReportProfile) => {
  let names = placeNames.get(profile);
  if (names === undefined) placeNames.set(profile, (names = profile.places.map((place) => place.name).join('')));
  return { problem: profile.problem, placeNames: names };
};

/** Compares everything the two reports say; knows nothing of cases, SQL or GraphQL. */
export function compareReports(incoming: ReportProfile, earlier: ReportProfile, rules: DedupRules = DEDUP_RULES): MatchSignals {
  const { place, sameSpot, distanceMeters: meters } = placeSignal(incoming, earlier, rules);
  const sameWording = incoming.problem.fingerprint.length > 0 && incoming.problem.fingerprint === earlier.problem.fingerprint;
  const facts = {
    place,
    sameSpot,
    distanceMeters: meters,
    hoursApart: Math.round(Math.abs(incoming.receivedAt.getTime() - earlier.receivedAt.getTime()) / 36e5),
    category: categorySignal(incoming.categoryCode, earlier.categoryCode),
    categoriesStated: incoming.categoryStated && earlier.categoryStated,
    sameContact: Boolean(incoming.contactHash && incoming.contactHash === earlier.contactHash),
    sameWording,
  };
  // Two places rule out a merge and a repeat whatever the words (mergeDecision, isRepeat): about half of a
  // report's candidates, whose wording is then never compared.
  if (place === 'DIFFERENT') return { text: 0, words: 0, letters: 0, bigrams: 0, lettersWithPlaces: 0, sharedLetters: 0, ...facts };
  const words = sameWording ? 1 : keywordCosine(incoming.problem, earlier.problem);
  const bigrams = sameWording ? 1 : bigramDice(incoming.problem, earlier.problem);
  // The places' letters count only where the place is near (one river or road, no spot): the model weighs them there alone.
  const lettersWithPlaces = sameWording ? 1 : place === 'NEAR' ? letterCosineWithPlaces(withPlaceNames(incoming), withPlaceNames(earlier)) : 0;
  return {
    text: round3((words + bigrams) / 2),
    words: round3(words),
    letters: round3(sameWording ? 1 : letterCosine(incoming.problem, earlier.problem)),
    bigrams: round3(bigrams),
    lettersWithPlaces: round3(lettersWithPlaces),
    sharedLetters: round3(sharedLetterEvidence(incoming.problem, earlier.problem, rules.model.sharedLetters, 1 - timeApart(facts.hoursApart))),
    ...facts,
  };
}

/** The same words letter for letter, or with a title or a word or two changed: merged whatever the model says. */
export function isRepost(signals: MatchSignals, rules: DedupRules = DEDUP_RULES): boolean {
  return signals.sameWording || signals.text >= rules.nearRepost;
}

/**
 * The third tier: is the incoming report the same issue as an earlier one from someone else? Two
 * places that differ rule a merge out whatever the text; a repost (the same words letter for letter,
 * or with a title or a word or two changed) carries its place with it; otherwise the city's model
 * weighs the signals, fitted on pairs labelled by meaning (`npm run fit:dedup`).
 */
export function mergeDecision(signals: MatchSignals, rules: DedupRules = DEDUP_RULES): MergeDecision {
  if (signals.place === 'DIFFERENT') return { verdict: 'NEW', score: 0, signals };
  if (isRepost(signals, rules)) return { verdict: 'MERGE', score: 1, signals };
  if (signals.distanceMeters !== null) return locatedDecision(signals, rules.located);
  const score = round3(oneIssueProbability(signals, rules.model));
  // One spot, one kind of problem, within hours: a manhole, a lamp or a burst pipe there is one issue
  // however each reporter words it (窨井盖丢了 / 井盖缺失).
  const sameSpotSoon = signals.sameSpot && signals.category === 'SAME' && signals.hoursApart <= rules.located.sameSpotHours;
  // Two categories that cannot both hold go to an operator only when the model, which has weighed the
  // conflict already, holds one issue the likelier: a lamp and a drain in one building are two problems.
  // Given by the channels (an agent's choice, a legacy system's type), they never merge on their own. Guessed
  // from the words, they are the words again, and where the model is sure it merges: the keywords guess one
  // river's stink as 水体污染 in one post, 大气污染 (臭味) or 老旧小区改造 (改造) in the next.
  const verdict: Verdict =
    signals.category === 'CONFLICT'
      ? score >= rules.mergeAt && !signals.categoriesStated ? 'MERGE' : score >= CONFLICT_REVIEW_AT ? 'REVIEW' : 'NEW'
      : score >= rules.mergeAt || sameSpotSoon ? 'MERGE' : score >= rules.reviewAt ? 'REVIEW' : 'NEW';
  return { verdict, score, signals };
}

/** P(one issue) from which two conflicting categories the channels gave are shown to an operator: more likely one issue than two. */
const CONFLICT_REVIEW_AT = 0.5;

const PLACE_SCORE: Record<PlaceAgreement, number> = { SAME: 1, NEAR: 0.5, UNKNOWN: 0, DIFFERENT: 0 };
const CATEGORY_SCORE: Record<MatchSignals['category'], number> = { SAME: 1, BRANCH: 0.5, UNKNOWN: 0.3, CONFLICT: 0 };

/**
 * Two reports that both carry coordinates (an inspector's, a grid worker's): the distance proves the place,
 * and the rules weigh text, place and category by hand (`located` in dedup.yaml). The model is fitted on
 * posts without coordinates and is not asked here. An automatic merge needs a proven same spot: "100–300 m
 * apart" holds many distinct lamps, drains and requests, so such a pair goes to an operator instead.
 */
function locatedDecision(signals: MatchSignals, rules: DedupRules['located']): MergeDecision {
  const days = signals.hoursApart / 24;
  if (days > rules.windowDays) return { verdict: 'NEW', score: 0, signals };
  const textScore = Math.min(1, signals.text / rules.textSaturation);
  const { text, place, category } = rules.weights;
  let score = text * textScore + place * PLACE_SCORE[signals.place] + category * CATEGORY_SCORE[signals.category];
  if (signals.category === 'CONFLICT') score *= 0.5;
  // An old case is a weaker candidate: a week is nothing, the window's end costs 15 %.
  if (days > 7) score *= 1 - (0.15 * (days - 7)) / (rules.windowDays - 7);
  score = round3(score);
  const sameSpotSoon = signals.sameSpot && signals.category === 'SAME' && signals.hoursApart <= rules.sameSpotHours;
  const verdict: Verdict = (score >= rules.mergeAt && signals.place === 'SAME') || sameSpotSoon ? 'MERGE' : score >= rules.reviewAt ? 'REVIEW' : 'NEW';
  return { verdict, score, signals };
}

/** How recently a closed case may still take the same person's repeat. */
export const REPEAT_REOPEN_DAYS = 7;

/** Text similarity a repeat needs months later: as much as a near-merge of two strangers' words. */
const REPEAT_TEXT_MONTHS_LATER = 0.6;

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
  if (signals.hoursApart > LOOSE_REPEAT_DAYS * 24) return signals.text >= REPEAT_TEXT_MONTHS_LATER;
  return signals.text >= 0.3 || (signals.text >= 0.2 && signals.place === 'SAME');
}
