import { typeShareAlerts } from './typeShare';

const DAYS = 70;
// Three types at steady shares of a steady city: 60 %, 30 %, 10 % of 100 requests a day.
const steady = () => ({ roads: Array(DAYS).fill(60), water: Array(DAYS).fill(30), noise: Array(DAYS).fill(10) });
const totals = (byType: Record<string, number[]>) => Array.from({ length: DAYS }, (_, day) => Object.values(byType).reduce((sum, counts) => sum + counts[day]!, 0));

describe('typeShareAlerts', () => {
  it('raises nothing when a channel doubles every type alike', () => {
    const byType = steady();
    for (const counts of Object.values(byType)) for (let day = 40; day < DAYS; day++) counts[day] *= 2;
    expect(typeShareAlerts(totals(byType), byType)).toEqual([]);
  });

  it('alerts on the type that grows past the rest, on the day it does', () => {
    const byType = steady();
    for (let day = 50; day < DAYS; day++) byType.noise[day] = 30;
    const alerts = typeShareAlerts(totals(byType), byType);
    expect(alerts[0]).toMatchObject({ type: 'noise', day: 50, count: 30, total: 120 });
    expect(alerts[0]!.expectedShare).toBeCloseTo(0.1, 5);
    expect(alerts.every((alert) => alert.type === 'noise')).toBe(true);
  });
});
