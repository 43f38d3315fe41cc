import { toWgs84, fromWgs84, distanceMeters } from './geo';

describe('coordinates', () => {
  // 武汉江汉关 in WGS-84; its BD-09 and GCJ-02 forms are shifted by several hundred metres.
  const wgs = { lng: 114.2938, lat: 30.5817 };

  it.each(['BD09', 'GCJ02'] as const)('round-trips %s back to WGS-84 within a metre', (crs) => {
    const shifted = fromWgs84(wgs, crs);
    expect(distanceMeters(shifted, wgs)).toBeGreaterThan(200);
    expect(distanceMeters(toWgs84(shifted, crs), wgs)).toBeLessThan(1);
  });

  it('measures a known distance (one degree of latitude is about 111 km)', () => {
    expect(distanceMeters({ lng: 114, lat: 30 }, { lng: 114, lat: 31 })).toBeCloseTo(111_195, -2);
  });
});
