import { categoryFromHint, classifyCategory, type GeoPoint } from '@huying/schema';
import { extractPlaces, placeKeys, type PlaceMention } from './places';
import { passageDigest, problemText, wordingFingerprint, type ProblemText } from './textSimilarity';
import { cellKeys } from './spatialCells';
import { DEDUP_RULES, type DedupRules } from './dedupRules';

/** What the filter compares about a report: derived once from its fields, and filed beside it (`storedProfile`). */
export interface ReportProfile {
  problem: ProblemText;
  places: PlaceMention[];
  location: GeoPoint | null;
  receivedAt: Date;
  categoryCode: string;
  /** The category was given by the channel (an agent's or a legacy system's type), not guessed from the words. */
  categoryStated: boolean;
  contactHash: string | null;
}

export interface ProfileSource {
  title: string | null;
  text: string;
  address: string | null;
  location: GeoPoint | null;
  categoryHint: string | null;
  receivedAt: Date;
  contactHash: string | null;
}

export function reportProfile(source: ProfileSource): ReportProfile {
  const wording = `${source.title ?? ''}\n${source.text}`;
  const places = extractPlaces(`${source.address ?? ''}\n${wording}`);
  return {
    problem: problemText(wording, places),
    places,
    location: source.location,
    receivedAt: source.receivedAt,
    categoryCode: classifyCategory(source.categoryHint, wording).code,
    categoryStated: categoryFromHint(source.categoryHint) !== undefined,
    contactHash: source.contactHash,
  };
}

/** A letter's opening: an addressee and a greeting (易书记：您好！, 尊敬的领导：大家好！, 蒙书记好：). */
const OPENING = /^.{0,24}?(?:您好|你好|大家好|好(?=[!！,，:：]))[!！,，:：.。]?/u;

/**
 * The keys a report is filed under, so later reports find it without scanning: its grid cell (and,
 * to look up, the 8 around it), each specific place it names, its wording — the whole text, and
 * the body alone without its opening (a repost under a new title, or to another addressee) — so a
 * repost naming no place is still found, and its most telling problem words, so that a report naming
 * its place otherwise (or not at all) still meets the others about the same problem.
 */
export function lookupKeys(
  profile: ReportProfile,
  source: Pick<ProfileSource, 'title' | 'text'>,
  rules: Pick<DedupRules, 'problemKeys'> = DEDUP_RULES,
): { own: string[]; search: string[] } {
  const places = placeKeys(profile.places).map((key) => `place:${key}`);
  const whole = wordingFingerprint(`${source.title ?? ''}\n${source.text}`);
  const body = wordingFingerprint(source.text.normalize('NFKC').replace(OPENING, ''));
  const wording = [
    // Digests: short index entries, whatever the length of the passage they stand for.
    whole.length >= 8 ? `text:${passageDigest(whole.slice(0, 64))}` : null,
    body.length >= 24 && !whole.startsWith(body.slice(0, 64)) ? `body:${passageDigest(body.slice(0, 48))}` : null,
  ].filter((key): key is string => key !== null);
  const cells = profile.location ? cellKeys(profile.location) : { own: [], around: [] };
  const problem = problemKeys(profile, rules.problemKeys);
  // A report with coordinates finds its neighbours by cell; searched by its problem words too, the
  // same problem across the city would crowd them out of the few candidates scored.
  const searched = profile.location ? [] : problem;
  return { own: [...cells.own, ...places, ...wording, ...problem], search: [...cells.around, ...places, ...wording, ...searched] };
}

/** The `count` heaviest problem words: the words that say what is wrong, weighted by how rare they are. */
function problemKeys(profile: ReportProfile, count: number): string[] {
  return [...profile.problem.keywords]
    .filter(([word]) => [...word].length >= 2)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, count)
    .map(([word]) => `word:${word}`);
}
