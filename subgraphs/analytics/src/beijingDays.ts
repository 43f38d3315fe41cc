/** China keeps one offset all year: a Beijing day is a UTC day shifted by eight hours. */
const OFFSET_MS = 8 * 3600_000;
const DAY_MS = 86_400_000;

/** The Beijing day of an instant, as a day number (days since 1970-01-01). */
export const beijingDay = (at: Date): number => Math.floor((at.getTime() + OFFSET_MS) / DAY_MS);

/** A day number as its date, `YYYY-MM-DD`. */
export const dayDate = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);

/** A date `YYYY-MM-DD` as its day number. */
export const dateDay = (date: string): number => Math.floor(Date.parse(`${date}T00:00:00Z`) / DAY_MS);

/** The instant a day number's Beijing day starts (its midnight in Beijing). */
export const dayStart = (day: number): Date => new Date(day * DAY_MS - OFFSET_MS);
