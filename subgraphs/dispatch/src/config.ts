import { join, resolve } from 'node:path';

/**
 * The one place dispatch reads the environment. Every setting, with an example:
 *
 *   HUYING_DISPATCH_ORG=/etc/huying/org.yaml        # the city's organisation and rule file (default: the shipped 江岸区 one)
 *   HUYING_DISPATCH_POLL_MS=50                      # how often dispatch polls the cases and feedback feeds (ms)
 *   HUYING_SUPERVISION_CRON="* * * * *"             # when the 督办 sweep runs (node-cron syntax; default every minute)
 *   HUYING_SMS_GATEWAY_URL=http://sms.internal/send # the SMS gateway reminders are POSTed to; unset = recorded in dispatch.sms_outbox
 *   HUYING_SMS_GATEWAY_TOKEN=secret                 # bearer token for the SMS gateway (optional)
 *   HUYING_WEBHOOK_POLL_MS=200                      # how often due webhook deliveries are attempted (ms)
 *   HUYING_WEBHOOK_BACKOFF_MS=1000                  # first retry of a failed webhook after this long, doubling...
 *   HUYING_WEBHOOK_MAX_BACKOFF_MS=600000            # ...up to this
 *   HUYING_WEBHOOK_TIMEOUT_MS=10000                 # a receiver must answer within this
 *   HUYING_SUBSCRIPTION_POLL_MS=50                  # how often a gateway's subscription server polls dispatch's feed (ms)
 */
const env = process.env;

export const DEFAULT_ORGANISATION_FILE = join(__dirname, '..', 'config', 'jiangan.yaml');

export const dispatchSettings = {
  organisationFile: env.HUYING_DISPATCH_ORG ? resolve(env.HUYING_DISPATCH_ORG) : DEFAULT_ORGANISATION_FILE,
  feedPollMs: positive(env.HUYING_DISPATCH_POLL_MS, 50),
  supervisionCron: env.HUYING_SUPERVISION_CRON || '* * * * *',
  smsGatewayUrl: env.HUYING_SMS_GATEWAY_URL || undefined,
  smsGatewayToken: env.HUYING_SMS_GATEWAY_TOKEN || undefined,
  webhookPollMs: positive(env.HUYING_WEBHOOK_POLL_MS, 200),
  webhookBackoffMs: positive(env.HUYING_WEBHOOK_BACKOFF_MS, 1000),
  webhookMaxBackoffMs: positive(env.HUYING_WEBHOOK_MAX_BACKOFF_MS, 600_000),
  webhookTimeoutMs: positive(env.HUYING_WEBHOOK_TIMEOUT_MS, 10_000),
  subscriptionPollMs: positive(env.HUYING_SUBSCRIPTION_POLL_MS, 50),
} as const;

function positive(value: string | undefined, fallback: number): number {
  const number = Number(value);
  return value && Number.isFinite(number) && number > 0 ? number : fallback;
}
