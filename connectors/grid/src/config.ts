import { DEFAULT_SIMULATOR_SEED, sourceSettingsFrom } from '@huying/connector-kit';
import { COORDINATE_SYSTEMS, type CoordinateSystem } from '@huying/schema';

/**
 * The one place this package reads the environment. Every setting, with an example:
 *
 *   HUYING_GRID_URL=http://shegua.wuhan.example   # the grid platform (社管平台); unset = its simulator (hub default) or no pulling
 *   HUYING_GRID_SCHEDULE="*\/10 * * * * *"        # node-cron, six fields (seconds first)
 *   HUYING_GRID_PAGE_SIZE=100                     # reports per request
 *   HUYING_GRID_RATE=5                            # requests per second
 *   HUYING_GRID_TIMEOUT_MS=10000
 *   HUYING_GRID_CRS=BD09                          # the coordinates the platform sends: WGS84, GCJ02 or BD09
 *   HUYING_SIMULATOR_SEED=20261120                # the scenario the four simulators share
 */
const env = process.env;

const crs = (env.HUYING_GRID_CRS || 'BD09') as CoordinateSystem;
if (!COORDINATE_SYSTEMS.includes(crs)) throw new Error(`HUYING_GRID_CRS must be one of ${COORDINATE_SYSTEMS.join(', ')}`);

export const gridSettings = {
  source: sourceSettingsFrom(env, 'HUYING_GRID'),
  crs,
  simulatorSeed: Number(env.HUYING_SIMULATOR_SEED || DEFAULT_SIMULATOR_SEED),
};
