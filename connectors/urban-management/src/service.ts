import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { channelSdl, channelService, type ChannelServiceModule, type Intake, type SimulatorFaults, type SimulatedPace, pacedScenario, type SourceSettings } from '@huying/connector-kit';
import { urbanManagementAdapter } from './client';
import { urbanManagementSettings } from './config';
import type { LegacyUrbanCase } from './legacyCase';
import { startUrbanManagementSimulator } from './simulator';

export const URBAN_MANAGEMENT_SDL = channelSdl({
  nativeField: 'urbanCase',
  nativeType: 'UrbanCase',
  nativeSdl: readFileSync(join(__dirname, 'urbanManagement.graphql'), 'utf8'),
  description: 'The 数字城管 case this report came from.',
});

export interface UrbanManagementServiceOptions {
  simulate?: boolean;
  seed?: number;
  faults?: SimulatorFaults;
  /** The simulated city's history and pace (default: the simulator's own, a day of backlog). */
  pace?: SimulatedPace;
  source?: Partial<SourceSettings>;
  intake?: Intake;
}

/** The 数字城管 connector subgraph: pulls cases by modified-since, adds `Report.urbanCase`. */
export function urbanManagementService(options: UrbanManagementServiceOptions = {}): ChannelServiceModule<LegacyUrbanCase> {
  const source = { ...urbanManagementSettings.source, ...options.source };
  const crs = urbanManagementSettings.crs;
  return channelService({
    name: 'urban-management',
    schema: 'urban_management',
    sdl: URBAN_MANAGEMENT_SDL,
    adapter: urbanManagementAdapter({ pageSize: source.pageSize, crs }),
    nativeField: 'urbanCase',
    source,
    intake: options.intake,
    simulator: options.simulate
      ? (clock) => startUrbanManagementSimulator({ clock, ...pacedScenario(clock, options.pace), seed: options.seed ?? urbanManagementSettings.simulatorSeed, faults: options.faults, crs })
      : undefined,
  });
}
