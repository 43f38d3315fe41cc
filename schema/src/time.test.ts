import { parseShanghaiLocalTime, formatShanghaiLocalTime } from './time';

describe('Beijing local time', () => {
  it('reads a zone-less legacy time as UTC+8', () => {
    expect(parseShanghaiLocalTime('2026-03-01 14:05:00')?.toISOString()).toBe('2026-03-01T06:05:00.000Z');
    expect(parseShanghaiLocalTime('2026/3/1 08:00')?.toISOString()).toBe('2026-03-01T00:00:00.000Z');
  });

  it('refuses dates that do not exist and text that is not a time', () => {
    expect(parseShanghaiLocalTime('2026-02-31 10:00:00')).toBeNull();
    expect(parseShanghaiLocalTime('昨天下午')).toBeNull();
  });

  it('formats back to local wall-clock time', () => {
    expect(formatShanghaiLocalTime(new Date('2026-03-01T06:05:00Z'))).toBe('2026-03-01 14:05:00');
  });
});
