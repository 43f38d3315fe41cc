import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'graphql';
import { validate } from 'node-cron';
import { EventConsumer, migrateSchema, pollFailureLog, migrationsFromDir, outboxFeed, scheduledJob, sharedReads, type ScheduledJob, type ServiceModule, type ServiceSchema } from '@huying/runtime';
import { SHARED_SDL, type CaseCategoryCorrectedEvent, type CaseOpenedEvent, type CaseReopenedEvent, type CasesMergedEvent, type CasesUnmergedEvent } from '@huying/schema';
import { DISPATCH_ACCESS } from './access';
import { closeMergedCase, reopenUnmergedCase } from './caseMerges';
import { dispatchSettings } from './config';
import { createDispatchContext, type DispatchContext } from './context';
import { outboxHead } from './departmentEvents';
import { planNewCase, recordCorrectedCategory, reopenCase, type DispatchDeps } from './dispatcher';
import { DISPATCH_SCHEMA } from './model';
import { httpSmsNotifier, recordedNotifier, type Notifier } from './notifier';
import { OrgChart } from './orgChart';
import { loadOrganisationFile, type OrganisationFile } from './organisation';
import { resolvers } from './resolvers';
import { superviseAssignments } from './supervision';
import { deliverWebhooks, fanOutToWebhooks } from './webhooks';

export const DISPATCH_SDL = `${SHARED_SDL}\n${readFileSync(join(__dirname, 'dispatch.graphql'), 'utf8')}`;

export interface DispatchOptions {
  /** The organisation (default: the file in dispatch's config, HUYING_DISPATCH_ORG). */
  organisation?: OrganisationFile;
  notifier?: Notifier;
  /** Turn off the cron sweep (tests run `superviseAssignments` themselves). */
  supervisionCron?: string | false;
  feedPollMs?: number;
  webhookPollMs?: number;
  webhookBackoffMs?: number;
}

/** The dispatch service's own schema, as its migrations make it. */
const dispatchSchema: ServiceSchema = { name: DISPATCH_SCHEMA, migrations: () => migrationsFromDir(join(__dirname, '..', 'migrations')) };

/**
 * The dispatch subgraph: classifies each new case, dispatches it by the responsibility matrix, supervises
 * deadlines, and serves department systems (catch-up query, webhooks; subscriptions are served beside the
 * gateway from this service's feed).
 */
export function dispatchService(options: DispatchOptions = {}): ServiceModule<DispatchContext> {
  return {
    name: 'dispatch',
    schema: dispatchSchema,
    sdl: DISPATCH_SDL,
    async create({ db, clock, log, feed }) {
      // A bad organisation file stops the start here, with every offending field named.
      const org = new OrgChart(options.organisation ?? loadOrganisationFile(dispatchSettings.organisationFile));
      await migrateSchema(db, dispatchSchema);
      const deps: DispatchDeps = { db, clock, org };
      const notifier =
        options.notifier ??
        (dispatchSettings.smsGatewayUrl
          ? httpSmsNotifier(dispatchSettings.smsGatewayUrl, { token: dispatchSettings.smsGatewayToken })
          : recordedNotifier(db, () => clock.now()));
      const pollMs = options.feedPollMs ?? dispatchSettings.feedPollMs;

      const consumers = [
        new EventConsumer({
          db,
          schema: DISPATCH_SCHEMA,
          name: 'dispatch<-cases',
          feed: feed('cases'),
          pollMs,
          onError: pollFailureLog(log, 'reading the cases feed'),
          handle: async (tx, event) => {
            if (event.type === 'CaseOpened') await planNewCase(tx, deps, event.payload as unknown as CaseOpenedEvent);
            else if (event.type === 'CasesMerged') await closeMergedCase(tx, deps, event.payload as unknown as CasesMergedEvent);
            else if (event.type === 'CasesUnmerged') await reopenUnmergedCase(tx, deps, event.payload as unknown as CasesUnmergedEvent);
            else if (event.type === 'CaseCategoryCorrected') await recordCorrectedCategory(tx, deps, event.payload as unknown as CaseCategoryCorrectedEvent);
          },
        }),
        new EventConsumer({
          db,
          schema: DISPATCH_SCHEMA,
          name: 'dispatch<-feedback',
          feed: feed('feedback'),
          // a reopened case is not urgent to the second; the feed is read once a second
          pollMs: Math.max(pollMs, 1000),
          onError: pollFailureLog(log, 'reading the feedback feed'),
          handle: async (tx, event) => {
            if (event.type === 'CaseReopened') await reopenCase(tx, deps, event.payload as unknown as CaseReopenedEvent);
          },
        }),
        new EventConsumer({
          db,
          schema: DISPATCH_SCHEMA,
          name: 'webhooks<-dispatch',
          feed: outboxFeed(db, DISPATCH_SCHEMA),
          pollMs: options.webhookPollMs ?? dispatchSettings.webhookPollMs,
          onError: pollFailureLog(log, 'fanning out to webhooks'),
          handle: (tx, event) => fanOutToWebhooks(tx, event, clock.now()),
        }),
      ];

      const webhookOptions = {
        db,
        clock,
        baseBackoffMs: options.webhookBackoffMs ?? dispatchSettings.webhookBackoffMs,
        maxBackoffMs: dispatchSettings.webhookMaxBackoffMs,
        timeoutMs: dispatchSettings.webhookTimeoutMs,
      };
      let webhookTimer: NodeJS.Timeout | undefined;
      let webhookRound: Promise<unknown> | undefined;
      let stopped = true;
      const deliverLoop = () => {
        webhookRound = deliverWebhooks(webhookOptions)
          .catch((error: unknown) => log.error({ err: error }, 'delivering webhooks failed; retrying'))
          .finally(() => {
            if (!stopped) webhookTimer = setTimeout(deliverLoop, options.webhookPollMs ?? dispatchSettings.webhookPollMs);
          });
      };
      const cronLine = options.supervisionCron ?? dispatchSettings.supervisionCron;
      let sweepTask: ScheduledJob | undefined;
      if (cronLine && !validate(cronLine)) throw new Error(`HUYING_SUPERVISION_CRON "${cronLine}" is not a cron line`);

      return {
        name: 'dispatch',
        typeDefs: parse(DISPATCH_SDL),
        resolvers,
        eventSchema: DISPATCH_SCHEMA,
        context: (request) => createDispatchContext(deps, request, () => superviseAssignments({ ...deps, notifier })),
        access: DISPATCH_ACCESS,
        // a list's cases with their handling, as the gateway asks for them: kept with the list
        plugins: sharedReads(new Set(['_entities'])),
        callerOf: (_request, context) => context.caller(),
        routes(router) {
          // Where a subscription server starts when a client gives no cursor.
          router.get('/events/head', async (_request, response, next) => {
            try {
              response.json({ seq: await outboxHead(db) });
            } catch (error) {
              next(error);
            }
          });
        },
        start() {
          stopped = false;
          for (const consumer of consumers) consumer.start();
          deliverLoop();
          if (cronLine) {
            const sweep = async () => {
              try {
                const report = await superviseAssignments({ db, clock, org, notifier });
                if (report.lightsChanged || report.remindersSent || report.remindersFailed) log.info(report, '督办 sweep');
              } catch (error) {
                log.error({ err: error }, 'the 督办 sweep failed; it runs again at its next time');
              }
            };
            sweepTask = scheduledJob(cronLine, sweep);
          }
        },
        async stop() {
          stopped = true;
          await sweepTask?.stop();
          if (webhookTimer) clearTimeout(webhookTimer);
          await webhookRound;
          for (const consumer of consumers) await consumer.stop();
        },
      };
    },
  };
}
