import { parseZonedTime } from './zonedTime';

describe('parseZonedTime', () => {
  it.each([
    ['2026-11-20T09:15:00+08:00', '2026-11-20T01:15:00.000Z'],
    ['2026-11-20T09:15:00.5Z', '2026-11-20T09:15:00.500Z'],
    ['2026-11-20T09:15:00.123456-05:30', '2026-11-20T14:45:00.123Z'],
    ['2026-11-20T09:15+0800', '2026-11-20T01:15:00.000Z'],
    ['2026-11-20t09:15:00z', '2026-11-20T09:15:00.000Z'],
    ['2028-02-29T00:00:00Z', '2028-02-29T00:00:00.000Z'],
    ['0099-01-01T00:00:00Z', '0099-01-01T00:00:00.000Z'],
  ])('reads %s', (value, iso) => {
    const parsed = parseZonedTime(value);
    expect(parsed.ok && parsed.date.toISOString()).toBe(iso);
  });

  it.each([
    ['2026-13-45T99:00:00Z', 'month 13'],
    ['2026-02-30T10:00:00+08:00', 'day 30 of 2026-02'],
    ['2026-02-29T10:00:00+08:00', 'day 29 of 2026-02'],
    ['2026-04-31T00:00:00Z', 'day 31 of 2026-04'],
    ['2026-11-00T00:00:00Z', 'day 00 of 2026-11'],
    ['2026-11-20T24:00:00Z', 'hour 24'],
    ['2026-11-20T23:60:00Z', 'minute 60'],
    ['2026-11-20T23:59:60Z', 'second 60'],
    ['2026-11-20T23:59:00+24:00', 'zone offset +24:00'],
  ])('refuses %s: there is no %s', (value, what) => {
    expect(parseZonedTime(value)).toEqual({ ok: false, reason: `is not a real time: there is no ${what}` });
  });

  it.each(['2026-11-20 09:15', '2026-11-20T09:15:00', 'yesterday', '', '2026-11-20T09:15:00+08'])('refuses %j as not a time with a zone', (value) => {
    expect(parseZonedTime(value)).toEqual({ ok: false, reason: expect.stringContaining('is not a time with a zone') });
  });
});
