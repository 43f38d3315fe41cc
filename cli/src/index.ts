export { backfill, type BackfillOptions, type BackfillProgress, type BackfillSummary } from './backfill';
export { parseBackfillArgs, BACKFILL_USAGE, type BackfillRequest } from './backfillArgs';
export { CHANNEL_CONNECTORS, type ChannelConnector } from './channelConnectors';
