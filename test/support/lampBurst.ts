const DAY_MS = 86_400_000;

/** Beijing noon `daysAgo` days before today, as an instant (China keeps UTC+8 all year). */
export const beijingNoon = (daysAgo: number, hour = 12) => new Date((Math.floor((Date.now() + 8 * 3600_000) / DAY_MS) - daysAgo) * DAY_MS + (hour - 8) * 3600_000).toISOString();

/**
 * A lamp out at one crossing now and then for six weeks, then seven calls in two days: what the place ×
 * problem detector raises an alert for. `prefix` keeps two tests' source ids apart.
 */
export function lampBurstReports(prefix = 'LAMP') {
  const spot = { lng: 114.2951, lat: 30.5873 };
  return [
    ...[42, 35, 28, 21, 14, 7].map((daysAgo, i) => ({ daysAgo, hour: 10, i })),
    ...[2, 2, 2, 1, 1, 1, 1].map((daysAgo, i) => ({ daysAgo, hour: 9 + i, i: 10 + i })),
  ].map(({ daysAgo, hour, i }) => ({
    channel: i % 2 ? 'GRID' : 'HOTLINE',
    sourceId: `${prefix}-${i}`,
    receivedAt: beijingNoon(daysAgo, hour),
    text: '黎黄陂路与胜利街交叉口的路灯不亮，晚上很黑',
    address: '江岸区黎黄陂路与胜利街交叉口',
    location: spot,
  }));
}
