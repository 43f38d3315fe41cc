import { DEFAULT_SIMULATOR_SEED, sourceSettingsFrom } from '@huying/connector-kit';

/**
 * The one place this package reads the environment. Every setting, with an example:
 *
 *   HUYING_HOTLINE_URL=http://12345.wuhan.example/api   # the 12345 system; unset = its simulator (hub default) or no pulling
 *   HUYING_HOTLINE_SCHEDULE="*\/10 * * * * *"            # node-cron, six fields (seconds first): every 10 s
 *   HUYING_HOTLINE_PAGE_SIZE=100                         # tickets per page
 *   HUYING_HOTLINE_RATE=5                                # requests per second the system tolerates
 *   HUYING_HOTLINE_TIMEOUT_MS=10000                      # an answer slower than this is retried
 *   HUYING_HOTLINE_ENCODING=gbk                          # the text encoding the system answers in (gbk, gb18030, utf-8)
 *   HUYING_SIMULATOR_SEED=20261120                       # the scenario the four simulators share
 */
const env = process.env;

export const hotlineSettings = {
  source: sourceSettingsFrom(env, 'HUYING_HOTLINE'),
  encoding: env.HUYING_HOTLINE_ENCODING || 'gbk',
  simulatorSeed: Number(env.HUYING_SIMULATOR_SEED || DEFAULT_SIMULATOR_SEED),
};
