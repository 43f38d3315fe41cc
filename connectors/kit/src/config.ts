import { maxBatchSetting } from '@huying/schema';

/**
 * The one place the kit itself reads the environment (each channel's config.ts reads its own source
 * settings and hands them to `sourceSettingsFrom`). Every setting, with an example:
 *
 *   HUYING_MAX_BATCH=1000   # the most records one ingestLegacyRecords call takes, and the most reports a connector puts in one
 *                           # submitReports call; the same setting (and default, 1000) as the cases service's cap on submitReports
 */
const env = process.env;

export const kitSettings = {
  maxBatch: maxBatchSetting(env.HUYING_MAX_BATCH),
} as const;
