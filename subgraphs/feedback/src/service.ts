import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'graphql';
import { ConsumerGroup, EventConsumer, migrateSchema, pollFailureLog, migrationsFromDir, sharedReads, type ServiceDeps, type ServiceModule, type ServiceSchema, type SubgraphService } from '@huying/runtime';
import { SHARED_SDL } from '@huying/schema';
import { FEEDBACK_ACCESS } from './access';
import { createFeedbackContext, type FeedbackContext } from './context';
import { FEEDBACK_SCHEMA, applyUpstreamEvent } from './projector';
import { resolvers } from './resolvers';

export const FEEDBACK_SDL = `${SHARED_SDL}\n${readFileSync(join(__dirname, 'feedback.graphql'), 'utf8')}`;

/** Sources feedback follows: reporters and merges from cases, areas and assignments from dispatch. */
export const FEEDBACK_SOURCES = ['cases', 'dispatch'] as const;

export interface FeedbackServiceOptions {
  pollMs?: number;
}

/** The running service; `drain()` applies every upstream event available now (tests, catch-up). */
export interface FeedbackService extends SubgraphService<FeedbackContext> {
  drain(): Promise<number>;
}

export interface FeedbackModule extends ServiceModule<FeedbackContext> {
  create(deps: ServiceDeps): Promise<FeedbackService>;
}

/** The feedback service's own schema, as its migrations make it. */
const feedbackSchema: ServiceSchema = { name: FEEDBACK_SCHEMA, migrations: () => migrationsFromDir(join(__dirname, '..', 'migrations')) };

/** 回访 and 一事一评: who is due a callback, the evaluations, the roll-ups; publishes CaseEvaluated/CaseReopened. */
export function feedbackService(options: FeedbackServiceOptions = {}): FeedbackModule {
  return {
    name: 'feedback',
    schema: feedbackSchema,
    sdl: FEEDBACK_SDL,
    async create({ db, clock, log, feed }) {
      await migrateSchema(db, feedbackSchema);
      const consumers = new ConsumerGroup(
        FEEDBACK_SOURCES.map(
          (source) =>
            new EventConsumer({
              db,
              schema: FEEDBACK_SCHEMA,
              name: `feedback<-${source}`,
              feed: feed(source),
              handle: applyUpstreamEvent,
              pollMs: options.pollMs,
              onError: pollFailureLog(log, `feedback reading the ${source} events`),
            }),
        ),
      );
      const deps = { db, clock };
      return {
        name: 'feedback',
        typeDefs: parse(FEEDBACK_SDL),
        resolvers,
        eventSchema: FEEDBACK_SCHEMA,
        context: (request) => createFeedbackContext(deps, request),
        access: FEEDBACK_ACCESS,
        // a list's cases with their ratings, as the gateway asks for them: kept with the list
        plugins: sharedReads(new Set(['_entities'])),
        drain: () => consumers.drain(),
        start: () => consumers.start(),
        stop: () => consumers.stop(),
      };
    },
  };
}
