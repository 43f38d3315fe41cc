import { testBackends } from '@huying/runtime';
import { openAnalyticsDatabase } from '../src/analyticsEvents.testkit';
import { hubPlace } from './hubPlace';

// The alert bench counts Chicago's and New York's requests where the hub would: the same cell as the database's.
describe.each(testBackends())('the bench’s place on $kind', (backend) => {
  it('names every point as analytics.hotspot_place does, halves (to even) and negative degrees included', async () => {
    const { db, dispose } = await openAnalyticsDatabase(backend);
    try {
      const points: [number, number][] = [
        [41.871831277993564, -87.67984621876099],
        [40.7128, -74.006],
        [30.5925, 114.305],
        [0.0025, -0.0025],
        [0.0075, -0.0075],
        [41.8725, -87.6825],
        [-33.8675, 151.2075],
      ];
      for (const [lat, lng] of points) {
        const rows = await db.query<{ place: string }>('SELECT analytics.hotspot_place(NULL, $1, $2, NULL) AS place', [lat, lng]);
        expect(hubPlace(lat, lng, undefined)).toBe(rows[0]!.place);
      }
      const rows = await db.query<{ place: string }>('SELECT analytics.hotspot_place(NULL, NULL, NULL, $1) AS place', ['2111 W Lexington ST']);
      expect(hubPlace(Number.NaN, Number.NaN, '2111 W Lexington ST')).toBe(rows[0]!.place);
    } finally {
      await dispose();
    }
  });
});
