/**
 * The one place the cases subgraph reads the environment. Every setting, with an example:
 *
 *   HUYING_LEADS_VACUUM_CRON="* * * * *"    # when the duplicate filter's leads are vacuumed (node-cron syntax; default every minute; "off" never)
 */
const env = process.env;

export const casesSettings = {
  leadsVacuumCron: env.HUYING_LEADS_VACUUM_CRON === 'off' ? null : env.HUYING_LEADS_VACUUM_CRON || '* * * * *',
} as const;
