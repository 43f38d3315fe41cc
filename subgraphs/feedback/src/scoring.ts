/**
 * 一事一评 scoring. Each of the four ratings is 1–5:
 *   响应度 responsiveness 10%, 配合度 cooperation 20%, 办结度 completion 30%, 满意度 satisfaction 40%.
 * score = (0.1·r + 0.2·c + 0.3·comp + 0.4·s) × 20, so all 1s give 20 and all 5s give 100; kept to one decimal.
 *
 * Stars from the score (five bands of the 20–100 range):
 *   score ≥ 90 → ★★★★★ · ≥ 75 → ★★★★ · ≥ 60 → ★★★ · ≥ 40 → ★★ · below 40 → ★
 *
 * Satisfied (满意/基本满意) when the 满意度 rating is 3 or more — the satisfaction question alone decides it,
 * as a city's callback (回访) asks it: 5 非常满意, 4 满意, 3 基本满意, 2 不满意, 1 非常不满意.
 */
export interface Ratings {
  responsiveness: number;
  cooperation: number;
  completion: number;
  satisfaction: number;
}

export const RATING_WEIGHTS: Readonly<Ratings> = { responsiveness: 0.1, cooperation: 0.2, completion: 0.3, satisfaction: 0.4 };
export const RATING_NAMES: Readonly<Record<keyof Ratings, string>> = {
  responsiveness: '响应度',
  cooperation: '配合度',
  completion: '办结度',
  satisfaction: '满意度',
};
const STAR_BANDS: readonly [minimumScore: number, stars: number][] = [
  [90, 5],
  [75, 4],
  [60, 3],
  [40, 2],
];
export const SATISFIED_FROM = 3;

export interface RatingIssue {
  field: keyof Ratings;
  message: string;
}

/** Every rating must be a whole number from 1 to 5; returns what is wrong, empty when nothing is. */
export function ratingIssues(ratings: Ratings): RatingIssue[] {
  return (Object.keys(RATING_WEIGHTS) as (keyof Ratings)[])
    .filter((field) => !Number.isInteger(ratings[field]) || ratings[field] < 1 || ratings[field] > 5)
    .map((field) => ({ field, message: `${field} (${RATING_NAMES[field]}) must be a whole number from 1 to 5, got ${ratings[field]}` }));
}

export function evaluationScore(ratings: Ratings): number {
  const weighted =
    RATING_WEIGHTS.responsiveness * ratings.responsiveness +
    RATING_WEIGHTS.cooperation * ratings.cooperation +
    RATING_WEIGHTS.completion * ratings.completion +
    RATING_WEIGHTS.satisfaction * ratings.satisfaction;
  // Rounded in tenths so 0.1·3 + … float noise never shows (e.g. 59.99999 → 60.0 → 3 stars).
  return Math.round(weighted * 20 * 10) / 10;
}

export function starsForScore(score: number): number {
  return STAR_BANDS.find(([minimum]) => score >= minimum)?.[1] ?? 1;
}

export function isSatisfied(ratings: Ratings): boolean {
  return ratings.satisfaction >= SATISFIED_FROM;
}

export interface EvaluationOutcome {
  score: number;
  stars: number;
  satisfied: boolean;
}

export function scoreEvaluation(ratings: Ratings): EvaluationOutcome {
  const score = evaluationScore(ratings);
  return { score, stars: starsForScore(score), satisfied: isSatisfied(ratings) };
}
