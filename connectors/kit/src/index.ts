export type { ChannelAdapter, Mapping, SourcePage, TimeRange } from './adapter';
export { DEFAULT_BACKOFF, retryDelayMs, parseRetryAfter, isRetryableStatus, type BackoffPolicy } from './backoff';
export { SourceClient, SourceUnavailableError, type SourceClientOptions, type SourceResponse } from './sourceClient';
export { fetchJsonPage } from './jsonPages';
export { ConnectorStore, type ConnectorState, type DeadLetter } from './connectorStore';
export { connectorMigrations } from './kitMigrations';
export { graphqlIntake, type Intake, type IntakeAnswer } from './intakeClient';
export { Puller, type PullerOptions, type PullSummary, type IngestSummary, type DeadLetterRetry } from './puller';
export {
  channelService,
  channelSdl,
  type ChannelServiceOptions,
  type ChannelServiceModule,
  type ChannelSubgraph,
  type ChannelContext,
  type SourceSettings,
} from './channelService';
export type { ConnectorStateView, DeadLetterView } from './adminRoutes';
export { STANDARD_CONNECTOR_SERVICES, connectorsService, CONNECTORS_SDL, type ConnectorServiceRef } from './connectorsService';
export { SimulatedFeed, type FeedEntry, type FeedRange, type SimulatedFeedOptions } from './simulation/feed';
export { serveSimulator, FaultSwitch, type RunningSimulator, type SimulatorAnswer, type SimulatorFaults } from './simulation/server';
export {
  serveLegacySystem,
  localTimeParam,
  type LegacySystemOptions,
  type LegacyEndpoint,
  type RunningLegacySystem,
  pacedScenario,
  type SimulatedPace,
} from './simulation/legacySystem';
export { DEFAULT_SOURCE_SETTINGS, DEFAULT_SIMULATOR_SEED, sourceSettingsFrom } from './sourceSettings';
