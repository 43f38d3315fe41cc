/** An RFC 3339 time that says its zone; the seconds, a fraction and the colon in the offset are optional. */
const ZONED_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(?:([Zz])|([+-])(\d{2}):?(\d{2}))$/;

export const ZONED_TIME_EXAMPLE = '2026-11-21T08:30:00+08:00';

export type ZonedTime = { ok: true; date: Date } | { ok: false; reason: string };

const isLeap = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
const daysIn = (year: number, month: number) => (month === 2 ? (isLeap(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31);

/**
 * Reads a time with its zone, refusing a calendar date or clock time that does not exist. `new Date`
 * alone would not do: it rolls 2026-02-30 over to 2 March and 24:00 to the next day.
 */
export function parseZonedTime(value: string): ZonedTime {
  const match = ZONED_TIME.exec(value.trim());
  // A bare local time is ambiguous: refused here (connectors add +08:00 to what their systems send).
  if (!match) return { ok: false, reason: `is not a time with a zone (e.g. ${ZONED_TIME_EXAMPLE})` };
  const [, y, mo, d, h, mi, s = '0', fraction = '', utc, sign, offsetHours = '0', offsetMinutes = '0'] = match;
  const [year, month, day, hour, minute, second] = [y, mo, d, h, mi, s].map(Number) as [number, number, number, number, number, number];
  const impossible =
    (month < 1 || month > 12 ? `month ${mo}` : null) ??
    (day < 1 || day > daysIn(year, month) ? `day ${d} of ${y}-${mo}` : null) ??
    (hour > 23 ? `hour ${h}` : null) ??
    (minute > 59 ? `minute ${mi}` : null) ??
    (second > 59 ? `second ${s}` : null) ??
    (Number(offsetHours) > 23 || Number(offsetMinutes) > 59 ? `zone offset ${sign}${offsetHours}:${offsetMinutes}` : null);
  if (impossible) return { ok: false, reason: `is not a real time: there is no ${impossible}` };
  const offsetMs = utc ? 0 : (sign === '-' ? -1 : 1) * (Number(offsetHours) * 60 + Number(offsetMinutes)) * 60_000;
  const date = new Date(0);
  // setUTCFullYear, not Date.UTC: Date.UTC reads years 0–99 as 1900–1999.
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, Number(fraction.slice(0, 3).padEnd(3, '0')));
  return { ok: true, date: new Date(date.getTime() - offsetMs) };
}
