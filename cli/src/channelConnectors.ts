import type { ChannelServiceModule, RunningSimulator, SimulatedFeed, SourceSettings } from '@huying/connector-kit';
import { gridService, gridSettings, startGridSimulator } from '@huying/connector-grid';
import { hotlineService, hotlineSettings, startHotlineSimulator } from '@huying/connector-hotline';
import { messageBoardService, messageBoardSettings, startMessageBoardSimulator } from '@huying/connector-message-board';
import { startUrbanManagementSimulator, urbanManagementService, urbanManagementSettings } from '@huying/connector-urban-management';
import type { Clock } from '@huying/runtime';
import type { ConnectedChannel } from '@huying/schema';

/** What the CLI needs of one channel: its connector module, its configured source, and its simulator. */
export interface ChannelConnector {
  /** The legacy system's URL from the channel's config (HUYING_<CHANNEL>_URL), if any. */
  configuredUrl: string | undefined;
  module(source: Partial<SourceSettings>): ChannelServiceModule<unknown>;
  /** The channel's simulator holding history from `start` up to the clock's now. */
  startSimulator(options: { clock: Clock; start: Date; seed?: number; meanIssueGapMs?: number }): Promise<RunningSimulator & { feed: SimulatedFeed }>;
}

export const CHANNEL_CONNECTORS: Record<ConnectedChannel, ChannelConnector> = {
  HOTLINE: {
    configuredUrl: hotlineSettings.source.url,
    module: (source) => hotlineService({ source }) as ChannelServiceModule<unknown>,
    startSimulator: (options) => startHotlineSimulator({ seed: hotlineSettings.simulatorSeed, encoding: hotlineSettings.encoding, ...options }),
  },
  MESSAGE_BOARD: {
    configuredUrl: messageBoardSettings.source.url,
    module: (source) => messageBoardService({ source }) as ChannelServiceModule<unknown>,
    startSimulator: (options) => startMessageBoardSimulator({ seed: messageBoardSettings.simulatorSeed, ...options }),
  },
  URBAN_MANAGEMENT: {
    configuredUrl: urbanManagementSettings.source.url,
    module: (source) => urbanManagementService({ source }) as ChannelServiceModule<unknown>,
    startSimulator: (options) => startUrbanManagementSimulator({ seed: urbanManagementSettings.simulatorSeed, crs: urbanManagementSettings.crs, ...options }),
  },
  GRID: {
    configuredUrl: gridSettings.source.url,
    module: (source) => gridService({ source }) as ChannelServiceModule<unknown>,
    startSimulator: (options) => startGridSimulator({ seed: gridSettings.simulatorSeed, crs: gridSettings.crs, ...options }),
  },
};
