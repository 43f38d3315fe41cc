/**
 * The place a request without a community is counted under by the place × problem detector and the hotspots
 * (analytics.hotspot_place, migration 010): its cell of 0.005°, else its address as written.
 */
export function hubPlace(lat: number, lng: number, address: string | undefined): string | null {
  if (Number.isFinite(lat) && Number.isFinite(lng)) return `cell:${roundHalfEven(lat / 0.005)}:${roundHalfEven(lng / 0.005)}`;
  return address ? `addr:${address}` : null;
}

/** PostgreSQL's round() of a double: to the nearest integer, a half to the even one (rint). */
function roundHalfEven(value: number): number {
  const nearest = Math.round(value);
  return value - Math.floor(value) === 0.5 && nearest % 2 !== 0 ? nearest - 1 : nearest;
}
