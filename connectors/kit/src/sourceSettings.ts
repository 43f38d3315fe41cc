import type { SourceSettings } from './channelService';

/** The default every channel starts from; a city overrides per channel (see each channel's config.ts). */
export const DEFAULT_SOURCE_SETTINGS: SourceSettings = {
  schedule: '*/10 * * * * *',
  ratePerSecond: 5,
  timeoutMs: 10_000,
  pageSize: 100,
};

/** The seed all four simulators share, so one issue shows in several channels. */
export const DEFAULT_SIMULATOR_SEED = 20261120;

/**
 * Reads `HUYING_<CHANNEL>_URL`, `_SCHEDULE`, `_PAGE_SIZE`, `_RATE`, `_TIMEOUT_MS` from the environment a
 * channel's config.ts hands in (that file is the channel's one reader of process.env).
 */
export function sourceSettingsFrom(env: Record<string, string | undefined>, prefix: string, defaults: Partial<SourceSettings> = {}): SourceSettings {
  const base = { ...DEFAULT_SOURCE_SETTINGS, ...defaults };
  const number = (name: string, fallback: number) => {
    const value = env[`${prefix}_${name}`];
    if (value === undefined || value === '') return fallback;
    const parsed = Number(value);
    if (!Number.isFinite(parsed) || parsed <= 0) throw new Error(`${prefix}_${name} must be a positive number, got "${value}"`);
    return parsed;
  };
  return {
    ...base,
    url: env[`${prefix}_URL`] || base.url,
    schedule: env[`${prefix}_SCHEDULE`] || base.schedule,
    pageSize: number('PAGE_SIZE', base.pageSize),
    ratePerSecond: number('RATE', base.ratePerSecond),
    timeoutMs: number('TIMEOUT_MS', base.timeoutMs),
  };
}
