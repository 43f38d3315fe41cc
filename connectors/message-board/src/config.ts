import { DEFAULT_SIMULATOR_SEED, sourceSettingsFrom } from '@huying/connector-kit';

/**
 * The one place this package reads the environment. Every setting, with an example:
 *
 *   HUYING_MESSAGE_BOARD_URL=http://liuyan.wuhan.example   # the message board; unset = its simulator (hub default) or no pulling
 *   HUYING_MESSAGE_BOARD_SCHEDULE="*\/15 * * * * *"        # node-cron, six fields (seconds first)
 *   HUYING_MESSAGE_BOARD_PAGE_SIZE=100                     # posts per page
 *   HUYING_MESSAGE_BOARD_RATE=5                            # requests per second
 *   HUYING_MESSAGE_BOARD_TIMEOUT_MS=10000
 *   HUYING_SIMULATOR_SEED=20261120                         # the scenario the four simulators share
 */
const env = process.env;

export const messageBoardSettings = {
  source: sourceSettingsFrom(env, 'HUYING_MESSAGE_BOARD'),
  simulatorSeed: Number(env.HUYING_SIMULATOR_SEED || DEFAULT_SIMULATOR_SEED),
};
