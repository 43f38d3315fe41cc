import type { GeoPoint } from '@huying/schema';
import type { PlaceKind, PlaceMention } from './places';
import type { ReportProfile } from './reportProfile';
import { passageDigest, sortedBigrams } from './textSimilarity';

/**
 * A profile as stored beside its report: only what segmentation and classification derived from the
 * text (the rest — location, time, contact — is on the report row). Short keys: it is read for every
 * candidate of every incoming report.
 */
export interface StoredProfile {
  /** Keywords and their TF-IDF weights. */
  k: [string, number][];
  /** The character bigrams, concatenated (two UTF-16 units each); sorted and distinct when `v` is set. */
  b: string;
  /** 2: `b` is sorted (profiles filed before have no `v`); 3: `f` is a digest, too. */
  v?: 2 | 3;
  /** Fingerprint of the whole text: its digest, or (before `v` 3) the letters themselves. */
  f: string;
  /** Places as kind and name. */
  p: [PlaceKind, string][];
  /** Category code. */
  c: string;
  /** 0: the category was guessed from the words; 1 (or absent, on profiles filed before this was kept): given by the channel. */
  s?: 0 | 1;
}

export function storeProfile(profile: ReportProfile): StoredProfile {
  return {
    k: [...profile.problem.keywords],
    b: profile.problem.bigrams,
    v: 3,
    f: profile.problem.fingerprint,
    p: profile.places.map((place) => [place.kind, place.name]),
    c: profile.categoryCode,
    s: profile.categoryStated ? 1 : 0,
  };
}

export function restoreProfile(
  stored: StoredProfile,
  report: { location: GeoPoint | null; receivedAt: Date; contactHash: string | null },
): ReportProfile {
  return {
    problem: {
      keywords: new Map(stored.k),
      bigrams: stored.v ? stored.b : sortedBigrams(stored.b),
      fingerprint: stored.v === 3 || !stored.f ? stored.f : passageDigest(stored.f),
    },
    places: stored.p.map(([kind, name]): PlaceMention => ({ kind, name })),
    location: report.location,
    receivedAt: report.receivedAt,
    categoryCode: stored.c,
    categoryStated: stored.s !== 0,
    contactHash: report.contactHash,
  };
}
