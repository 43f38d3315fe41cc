/** The hub stores UTC and shows Asia/Shanghai (UTC+8, no daylight saving). */
export const CITY_TIME_ZONE = 'Asia/Shanghai';
const SHANGHAI_OFFSET_MS = 8 * 3600_000;

/**
 * Legacy systems send local wall-clock times without a zone ("2026-03-01 14:05:00", "2026/3/1 14:05").
 * They are Beijing time.
 */
export function parseShanghaiLocalTime(value: string): Date | null {
  const match = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(value.trim());
  if (!match) return null;
  const [, y, mo, d, h = '0', mi = '0', s = '0'] = match;
  const utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)) - SHANGHAI_OFFSET_MS;
  const date = new Date(utc);
  // Date.UTC rolls 2026-02-31 over to March; a calendar date that does not exist is malformed.
  const back = new Date(utc + SHANGHAI_OFFSET_MS);
  if (back.getUTCMonth() !== Number(mo) - 1 || back.getUTCDate() !== Number(d)) return null;
  return date;
}

export function formatShanghaiLocalTime(date: Date): string {
  return new Date(date.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');
}
