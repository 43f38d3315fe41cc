export { openDatabase, type Database, type DatabaseOptions, type Sql, type TransactionOptions } from './database';
export { migrate, migrateSchema, migrationsFromDir, splitStatements, type Migration, type ServiceSchema } from './migrations';
export { ensurePgliteTemplate, openHubDatabase, replenishSpare } from './embeddedTemplate';
export { scheduledJob, type ScheduledJob } from './scheduledJob';
export { systemClock, ManualClock, type Clock } from './clock';
export {
  publishEvent,
  outboxFeed,
  httpEventFeed,
  EventConsumer,
  ConsumerGroup,
  nextPollDelay,
  pollFailureLog,
  type DomainEvent,
  type StoredEvent,
  type EventFeed,
  type EventConsumerOptions,
} from './events';
export { onOutboxCommitted, onEveryOutboxCommit, relayOutboxNotifications, OUTBOX_CHANNEL } from './outboxSignal';
export {
  DomainError,
  userInputError,
  notFoundError,
  conflictError,
  forbiddenError,
  unauthenticatedError,
  asGraphQLError,
  type DomainErrorCode,
} from './errors';
export { encodeCursor, decodeCursor, pageSize, MAX_PAGE_SIZE } from './pagination';
export { loaderByKey, listLoaderByKey } from './loaders';
export { serveSubgraph, type ServedSubgraph } from './serve';
export { closeGracefully, keepIdleConnections, IDLE_CONNECTION_MS } from './keepAlive';
export type { ServiceDeps, SubgraphService, ServiceModule, AnyServiceModule } from './service';
export { typeDefinitionsFrom, type SubscriptionSource } from './subscriptionSource';
export { askService } from './askService';
export { responseCacheStore, type ResponseCacheStore } from './responseCache';
export { sharedReads, asksOnly, neverShared, SHARED_READ_SECONDS } from './sharedReads';
export { createLogger, type Logger } from './logger';
export { settings } from './config';
export { roleFromGateway, carriesGatewaySecret, gatewayHeaders, ROLE_HEADER, GATEWAY_SECRET_HEADER } from './gatewayTrust';
export {
  AUDIENCES,
  ANONYMOUS,
  callerFromHeaders,
  roleOf,
  mayAsk,
  refusal,
  guardRootFields,
  rootFieldRules,
  type Audience,
  type AccessRules,
  type Caller,
} from './access';
export { dataKeyRing, dataKeys, type DataKeyRing } from './personalData';
export { checkCredentials, developmentCredentials } from './credentialCheck';
export { recordAudit, AUDITED_EVENT, type AuditEntry } from './audit';
export { testBackends, recordingStatements, type TestBackend, type RecordedStatement } from './testing';
export { runStandalone } from './standalone';
export { stopOnSignal } from './stopOnSignal';
