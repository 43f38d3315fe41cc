import { distanceMeters } from '@huying/schema';
import { cellKeys } from './spatialCells';

describe('cellKeys', () => {
  it('finds every point within 250 m in the 3×3 neighbourhood, wherever the cell borders fall', () => {
    const origin = { lng: 114.2952, lat: 30.6418 };
    for (let step = 0; step < 360; step += 15) {
      const angle = (step * Math.PI) / 180;
      // ~240 m in each direction (a degree of latitude is ~111 km).
      const point = { lng: origin.lng + (0.00216 * Math.cos(angle)) / Math.cos((origin.lat * Math.PI) / 180), lat: origin.lat + 0.00216 * Math.sin(angle) };
      expect(distanceMeters(origin, point)).toBeLessThan(250);
      expect(cellKeys(origin).around).toContain(cellKeys(point).own[0]);
    }
  });

  it('files a point under one cell and looks up nine', () => {
    const keys = cellKeys({ lng: -87.65, lat: 41.88 });
    expect(keys.own).toHaveLength(1);
    expect(new Set(keys.around).size).toBe(9);
  });
});
