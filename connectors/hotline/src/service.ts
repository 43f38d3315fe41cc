import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { channelSdl, channelService, type ChannelServiceModule, type Intake, type SimulatorFaults, type SimulatedPace, pacedScenario, type SourceSettings } from '@huying/connector-kit';
import { hotlineAdapter } from './client';
import { hotlineSettings } from './config';
import type { LegacyTicket } from './legacyTicket';
import { startHotlineSimulator } from './simulator';

export const HOTLINE_SDL = channelSdl({
  nativeField: 'hotlineTicket',
  nativeType: 'HotlineTicket',
  nativeSdl: readFileSync(join(__dirname, 'hotline.graphql'), 'utf8'),
  description: 'The 12345 work order this report came from.',
});

export interface HotlineServiceOptions {
  /** Start the 12345 simulator and pull from it (the embedded default). */
  simulate?: boolean;
  seed?: number;
  faults?: SimulatorFaults;
  /** The simulated city's history and pace (default: the simulator's own, a day of backlog). */
  pace?: SimulatedPace;
  source?: Partial<SourceSettings>;
  intake?: Intake;
}

/** The 12345 hotline connector subgraph: pulls work orders, adds `Report.hotlineTicket`. */
export function hotlineService(options: HotlineServiceOptions = {}): ChannelServiceModule<LegacyTicket> {
  const source = { ...hotlineSettings.source, ...options.source };
  return channelService({
    name: 'hotline',
    schema: 'hotline',
    sdl: HOTLINE_SDL,
    adapter: hotlineAdapter({ pageSize: source.pageSize, encoding: hotlineSettings.encoding }),
    nativeField: 'hotlineTicket',
    source,
    intake: options.intake,
    simulator: options.simulate
      ? (clock) => startHotlineSimulator({ clock, ...pacedScenario(clock, options.pace), seed: options.seed ?? hotlineSettings.simulatorSeed, faults: options.faults, encoding: hotlineSettings.encoding })
      : undefined,
  });
}
