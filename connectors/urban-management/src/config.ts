import { DEFAULT_SIMULATOR_SEED, sourceSettingsFrom } from '@huying/connector-kit';
import { COORDINATE_SYSTEMS, type CoordinateSystem } from '@huying/schema';

/**
 * The one place this package reads the environment. Every setting, with an example:
 *
 *   HUYING_URBAN_MANAGEMENT_URL=http://szcg.wuhan.example   # the 数字城管 system; unset = its simulator (hub default) or no pulling
 *   HUYING_URBAN_MANAGEMENT_SCHEDULE="*\/10 * * * * *"      # node-cron, six fields (seconds first)
 *   HUYING_URBAN_MANAGEMENT_PAGE_SIZE=100                   # cases per request
 *   HUYING_URBAN_MANAGEMENT_RATE=5                          # requests per second
 *   HUYING_URBAN_MANAGEMENT_TIMEOUT_MS=10000
 *   HUYING_URBAN_MANAGEMENT_CRS=GCJ02                       # the coordinates the system sends: WGS84, GCJ02 or BD09
 *   HUYING_SIMULATOR_SEED=20261120                          # the scenario the four simulators share
 */
const env = process.env;

const crs = (env.HUYING_URBAN_MANAGEMENT_CRS || 'GCJ02') as CoordinateSystem;
if (!COORDINATE_SYSTEMS.includes(crs)) throw new Error(`HUYING_URBAN_MANAGEMENT_CRS must be one of ${COORDINATE_SYSTEMS.join(', ')}`);

export const urbanManagementSettings = {
  source: sourceSettingsFrom(env, 'HUYING_URBAN_MANAGEMENT'),
  crs,
  simulatorSeed: Number(env.HUYING_SIMULATOR_SEED || DEFAULT_SIMULATOR_SEED),
};
