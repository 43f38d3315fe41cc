import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { channelSdl, channelService, type ChannelServiceModule, type Intake, type SimulatorFaults, type SimulatedPace, pacedScenario, type SourceSettings } from '@huying/connector-kit';
import { gridAdapter } from './client';
import { gridSettings } from './config';
import type { LegacyGridReport } from './legacyGridReport';
import { startGridSimulator } from './simulator';

export const GRID_SDL = channelSdl({
  nativeField: 'gridReport',
  nativeType: 'GridReport',
  nativeSdl: readFileSync(join(__dirname, 'grid.graphql'), 'utf8'),
  description: "The grid worker's report this report came from.",
});

export interface GridServiceOptions {
  simulate?: boolean;
  seed?: number;
  faults?: SimulatorFaults;
  /** The simulated city's history and pace (default: the simulator's own, a day of backlog). */
  pace?: SimulatedPace;
  source?: Partial<SourceSettings>;
  intake?: Intake;
}

/** The grid-platform connector subgraph: pulls grid workers' reports, adds `Report.gridReport`. */
export function gridService(options: GridServiceOptions = {}): ChannelServiceModule<LegacyGridReport> {
  const source = { ...gridSettings.source, ...options.source };
  return channelService({
    name: 'grid',
    schema: 'grid',
    sdl: GRID_SDL,
    adapter: gridAdapter({ pageSize: source.pageSize, crs: gridSettings.crs }),
    nativeField: 'gridReport',
    source,
    intake: options.intake,
    simulator: options.simulate
      ? (clock) => startGridSimulator({ clock, ...pacedScenario(clock, options.pace), seed: options.seed ?? gridSettings.simulatorSeed, faults: options.faults, crs: gridSettings.crs })
      : undefined,
  });
}
