import { join, resolve } from 'node:path';
import { maxBatchSetting } from '@huying/schema';

/**
 * The one place the cases subgraph reads the environment. Every setting, with an example:
 *
 *   HUYING_LEADS_VACUUM_CRON="* * * * *"    # when the duplicate filter's leads are vacuumed (node-cron syntax; default every minute; "off" never)
 *   HUYING_DEDUP_RULES=/etc/huying/dedup.yaml  # the city's overrides of the duplicate filter's rules (default: config/dedup.yaml alone)
 *   HUYING_DEDUP_TERMS=/etc/huying/terms.json  # word and letter frequencies of the city's own complaints (default: config/dedup-terms.json)
 *   HUYING_MAX_BATCH=1000                   # the most reports one submitReports call takes; a larger call is refused whole (default 1000)
 */
const env = process.env;

const CONFIG_DIR = join(__dirname, '..', 'config');

/** The duplicate filter's documented default rules; a city's file overrides what it names. */
export const DEFAULT_DEDUP_RULES_FILE = join(CONFIG_DIR, 'dedup.yaml');
export const DEFAULT_DEDUP_TERMS_FILE = join(CONFIG_DIR, 'dedup-terms.json');

export const casesSettings = {
  leadsVacuumCron: env.HUYING_LEADS_VACUUM_CRON === 'off' ? null : env.HUYING_LEADS_VACUUM_CRON || '* * * * *',
  dedupRulesFile: env.HUYING_DEDUP_RULES ? resolve(env.HUYING_DEDUP_RULES) : null,
  dedupTermsFile: env.HUYING_DEDUP_TERMS ? resolve(env.HUYING_DEDUP_TERMS) : DEFAULT_DEDUP_TERMS_FILE,
  maxBatch: maxBatchSetting(env.HUYING_MAX_BATCH),
} as const;
