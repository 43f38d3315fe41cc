import { resolve } from 'node:path';

/**
 * The one place this package reads the environment. Every setting, with an example:
 *
 *   DATABASE_URL=postgres://user@127.0.0.1:5432/huying   # a PostgreSQL server; unset = PGlite in process
 *   HUYING_DATA=./.huying                                # PGlite's data folder (default ./.huying)
 *   HUYING_CONTACT_KEY=change-me-32-bytes-of-secret      # key of the contact (phone) hash; keep it secret
 *   HUYING_GATEWAY_SECRET=change-me-long-random-string   # shared by the gateway and every subgraph: a subgraph trusts a role header only with it
 *   HUYING_DATA_KEYS=k2:<base64 of 32 random bytes>,k1:<older key>  # AES-256-GCM keys sealing personal data at rest (phones,
 *                                                        # names, raw legacy records): the first seals, every one opens; rotate by
 *                                                        # putting a new key first (`openssl rand -base64 32`), later drop the old
 *   HUYING_ENV=production                                # production: a service refuses to start with a development secret or key;
 *                                                        # development: it warns. Default: the embedded hub (npm start) development,
 *                                                        # a service or gateway started on its own production
 *   HUYING_PUBLISH=1                                     # the city publishes open data: anonymous callers may read the fields marked
 *                                                        # PUBLIC (categories, 三率, trends, hotspots); default 0, anonymous get nothing
 *   LOG_LEVEL=info                                       # pino level: debug, info, warn, error, silent
 *   TEST_DATABASE_URL=postgres://root@127.0.0.1:5432/test  # tests: also run against this server (falls back to DATABASE_URL)
 *   PORT=4001                                            # a service started on its own listens here
 *   HUYING_SERVICE_URLS=cases=http://10.0.0.5:4001,dispatch=http://10.0.0.6:4002  # where the other services are (deployments)
 *   HUYING_IDLE_POLL_MS=1000                             # longest wait between polls of an idle event feed (default 10 × the consumer's poll, ≥ 1 s); 1 = never back off
 *   HUYING_RESPONSE_CACHE_URL=redis://127.0.0.1:6379     # where cached answers (the dashboard's, ≤ 5 s old) are kept, shared by every
 *                                                        # replica; unset: in each process's memory
 *   HUYING_RESPONSE_CACHE=off                            # answer every request afresh, in analytics and the gateway (benchmarks measure both ways; default on)
 */
const env = process.env;

const DEVELOPMENT_GATEWAY_SECRET = 'huying-development-gateway-secret-not-for-production';

// The hub makes no calls outside the machine; Apollo must not try to report usage.
env.APOLLO_TELEMETRY_DISABLED ??= '1';

export const settings = {
  databaseUrl: env.DATABASE_URL || undefined,
  dataDir: resolve(env.HUYING_DATA || './.huying'),
  contactKey: env.HUYING_CONTACT_KEY || 'huying-development-key-not-for-production',
  contactKeyIsDefault: !env.HUYING_CONTACT_KEY || env.HUYING_CONTACT_KEY === 'huying-development-key-not-for-production',
  gatewaySecret: env.HUYING_GATEWAY_SECRET || DEVELOPMENT_GATEWAY_SECRET,
  gatewaySecretIsDefault: !env.HUYING_GATEWAY_SECRET || env.HUYING_GATEWAY_SECRET === DEVELOPMENT_GATEWAY_SECRET,
  dataKeys: env.HUYING_DATA_KEYS || undefined,
  environment: env.HUYING_ENV === 'production' || env.HUYING_ENV === 'development' ? env.HUYING_ENV : undefined,
  publishOpenData: env.HUYING_PUBLISH === '1' || env.HUYING_PUBLISH === 'true',
  logLevel: env.LOG_LEVEL || (env.JEST_WORKER_ID ? 'silent' : 'info'),
  testDatabaseUrl: env.TEST_DATABASE_URL || env.DATABASE_URL || undefined,
  port: Number(env.PORT || 0),
  serviceUrls: parseServiceUrls(env.HUYING_SERVICE_URLS),
  idlePollMs: Number(env.HUYING_IDLE_POLL_MS) > 0 ? Number(env.HUYING_IDLE_POLL_MS) : undefined,
  responseCacheUrl: env.HUYING_RESPONSE_CACHE_URL || undefined,
  responseCacheOn: env.HUYING_RESPONSE_CACHE !== 'off',
} as const;

function parseServiceUrls(value: string | undefined): Record<string, string> {
  const urls: Record<string, string> = {};
  for (const pair of (value ?? '').split(',').filter(Boolean)) {
    const [name, url] = pair.split('=');
    if (name && url) urls[name.trim()] = url.trim().replace(/\/(graphql)?$/, '');
  }
  return urls;
}
