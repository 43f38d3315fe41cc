import { classifyCategory, type GeoPoint } from '@huying/schema';
import { extractPlaces, placeKeys, type PlaceMention } from './places';
import { problemText, type ProblemText } from './textSimilarity';
import { cellKeys } from './spatialCells';

/** What the filter compares about a report: derived once from its fields, never stored. */
export interface ReportProfile {
  problem: ProblemText;
  places: PlaceMention[];
  location: GeoPoint | null;
  receivedAt: Date;
  categoryCode: string;
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
    contactHash: source.contactHash,
  };
}

/**
 * The keys a report is filed under, so later reports find it without scanning: its grid cell (and,
 * to look up, the 8 around it), each specific place it names, and its exact wording (reposts).
 */
export function lookupKeys(profile: ReportProfile): { own: string[]; search: string[] } {
  const places = placeKeys(profile.places).map((key) => `place:${key}`);
  const wording = profile.problem.fingerprint.length >= 8 ? [`text:${profile.problem.fingerprint.slice(0, 64)}`] : [];
  const cells = profile.location ? cellKeys(profile.location) : { own: [], around: [] };
  return { own: [...cells.own, ...places, ...wording], search: [...cells.around, ...places, ...wording] };
}
