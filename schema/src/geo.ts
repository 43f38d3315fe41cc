import gcoord, { type CRSTypes } from 'gcoord';
import type { CoordinateSystem } from './taxonomy';

export interface GeoPoint {
  lng: number;
  lat: number;
}

const GCOORD_CRS: Record<CoordinateSystem, CRSTypes> = {
  WGS84: gcoord.WGS84,
  GCJ02: gcoord.GCJ02,
  BD09: gcoord.BD09,
};

/** Chinese maps publish shifted coordinates (GCJ-02, BD-09); the hub stores WGS-84 only. */
export function toWgs84(point: GeoPoint, crs: CoordinateSystem): GeoPoint {
  if (crs === 'WGS84') return { lng: point.lng, lat: point.lat };
  const [lng, lat] = gcoord.transform([point.lng, point.lat], GCOORD_CRS[crs], gcoord.WGS84) as [number, number];
  return { lng, lat };
}

export function fromWgs84(point: GeoPoint, crs: CoordinateSystem): GeoPoint {
  if (crs === 'WGS84') return { lng: point.lng, lat: point.lat };
  const [lng, lat] = gcoord.transform([point.lng, point.lat], gcoord.WGS84, GCOORD_CRS[crs]) as [number, number];
  return { lng, lat };
}

const EARTH_RADIUS_M = 6_371_008.8;

export function distanceMeters(a: GeoPoint, b: GeoPoint): number {
  const toRad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * toRad;
  const dLng = (b.lng - a.lng) * toRad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * toRad) * Math.cos(b.lat * toRad) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}
