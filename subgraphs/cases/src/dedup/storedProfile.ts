import type { GeoPoint } from '@huying/schema';
import type { PlaceKind, PlaceMention } from './places';
import type { ReportProfile } from './reportProfile';

/**
 * A profile as stored beside its report: only what segmentation and classification derived from the
 * text (the rest — location, time, contact — is on the report row). Short keys: it is read for every
 * candidate of every incoming report.
 */
export interface StoredProfile {
  /** Keywords and their TF-IDF weights. */
  k: [string, number][];
  /** The character bigrams, concatenated (two characters each). */
  b: string;
  /** Fingerprint of the whole text. */
  f: string;
  /** Places as kind and name. */
  p: [PlaceKind, string][];
  /** Category code. */
  c: string;
}

export function storeProfile(profile: ReportProfile): StoredProfile {
  return {
    k: [...profile.problem.keywords],
    b: [...profile.problem.bigrams].join(''),
    f: profile.problem.fingerprint,
    p: profile.places.map((place) => [place.kind, place.name]),
    c: profile.categoryCode,
  };
}

export function restoreProfile(
  stored: StoredProfile,
  report: { location: GeoPoint | null; receivedAt: Date; contactHash: string | null },
): ReportProfile {
  const bigrams = new Set<string>();
  for (let at = 0; at + 2 <= stored.b.length; at += 2) bigrams.add(stored.b.slice(at, at + 2));
  return {
    problem: { keywords: new Map(stored.k), bigrams, fingerprint: stored.f },
    places: stored.p.map(([kind, name]): PlaceMention => ({ kind, name })),
    location: report.location,
    receivedAt: report.receivedAt,
    categoryCode: stored.c,
    contactHash: report.contactHash,
  };
}
