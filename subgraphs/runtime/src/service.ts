import type { ApolloServerPlugin } from '@apollo/server';
import type { Request, Router } from 'express';
import type { DocumentNode } from 'graphql';
import type { GraphQLResolverMap } from '@apollo/subgraph';
import type { AccessRules, Caller } from './access';
import type { Clock } from './clock';
import type { Database } from './database';
import type { EventFeed } from './events';
import type { Logger } from './logger';
import type { ServiceSchema } from './migrations';

/** What the launcher hands every service. */
export interface ServiceDeps {
  db: Database;
  clock: Clock;
  log: Logger;
  /** Another service's event log, by service name (resolved when that service is up). */
  feed(service: string): EventFeed;
  /** Another service's GraphQL endpoint, by service name, for the rare direct call. */
  endpoint(service: string): string | undefined;
}

/** A running subgraph: its schema, how it builds a request's context, and its background work. */
export interface SubgraphService<Context = unknown> {
  name: string;
  typeDefs: DocumentNode;
  resolvers: GraphQLResolverMap<Context>;
  /** Built once per request: DataLoaders live here. */
  context(request: Request): Context | Promise<Context>;
  /** Who may ask each root field (`access.ts` of the service); a root field missing here answers nobody. */
  access: AccessRules;
  /** The request's caller, when the service knows credentials of its own (department keys); default: the gateway's word. */
  callerOf?(request: Request, context: Context): Caller | Promise<Caller>;
  /** The schema whose outbox is served at `/events` (omit for a service that publishes nothing). */
  eventSchema?: string;
  /** Apollo Server plugins of the service's own (analytics: its response cache), after the runtime's. */
  plugins?: ApolloServerPlugin<Context & object>[];
  /** Extra HTTP routes beside `/graphql` (webhooks, CSV exports, pages). */
  routes?(router: Router): void;
  /** Scheduled jobs and event consumers; called once the HTTP server listens. */
  start?(): Promise<void> | void;
  stop?(): Promise<void> | void;
}

/** A package's entry point for the launcher: migrates its schema and returns the running service. */
export interface ServiceModule<Context = unknown> {
  name: string;
  /** The full SDL (shared pieces + the service's own), as composition reads it. */
  sdl: string;
  /** The PostgreSQL schema the service owns; `create` brings it up to date, and the embedded template holds it. */
  schema?: ServiceSchema;
  create(deps: ServiceDeps): Promise<SubgraphService<Context>>;
}

/** A service module whatever its context type: the launcher only passes requests through. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyServiceModule = ServiceModule<any>;
