import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'graphql';
import { callerFromHeaders, migrateSchema, migrationsFromDir, settings, sharedReads, type ServiceModule, type ServiceSchema } from '@huying/runtime';
import { CASES_ACCESS } from './access';
import { SHARED_SDL } from '@huying/schema';
import { duplicateFilter, scheduleLeadsVacuum, type CaseMatcher } from './dedup';
import { createCasesContext, type CasesContext } from './context';
import { CASES_SCHEMA, type IntakeDeps } from './intake';
import { resolvers } from './resolvers';
import { caseStatusConsumers } from './caseStatus';
import { casesSettings } from './config';

export const CASES_SDL = `${SHARED_SDL}\n${readFileSync(join(__dirname, 'cases.graphql'), 'utf8')}`;

export interface CasesOptions {
  /** The duplicate filter by default; `oneCasePerReport` switches it off (benchmarks compare both). */
  matcher?: CaseMatcher;
  /** When the filter's leads are vacuumed (node-cron line; null: never); HUYING_LEADS_VACUUM_CRON by default. */
  leadsVacuumCron?: string | null;
}

/** The cases service's own schema, as its migrations make it. */
const casesSchema: ServiceSchema = { name: CASES_SCHEMA, migrations: () => migrationsFromDir(join(__dirname, '..', 'migrations')) };

/** The cases subgraph: intake, the one Case per issue, and the Case/Report entities. */
export function casesService(options: CasesOptions = {}): ServiceModule<CasesContext> {
  return {
    name: 'cases',
    schema: casesSchema,
    sdl: CASES_SDL,
    async create({ db, clock, log, feed }) {
      await migrateSchema(db, casesSchema);
      const statusConsumers = caseStatusConsumers({ db, clock, log, feed });
      const intake: IntakeDeps = { db, clock, log, matcher: options.matcher ?? duplicateFilter, contactKey: settings.contactKey };
      const vacuumCron = options.leadsVacuumCron === undefined ? casesSettings.leadsVacuumCron : options.leadsVacuumCron;
      let vacuums: { stop(): Promise<void> } | undefined;
      return {
        name: 'cases',
        typeDefs: parse(CASES_SDL),
        resolvers,
        eventSchema: CASES_SCHEMA,
        context: (request) => createCasesContext(intake, callerFromHeaders(request.headers)),
        access: CASES_ACCESS,
        // the operator list: what every caller of one scope shares, kept by the gateway until it hears a commit
        plugins: sharedReads(new Set(['cases'])),
        start: () => {
          statusConsumers.forEach((consumer) => consumer.start());
          if (vacuumCron) {
            vacuums = scheduleLeadsVacuum(db, vacuumCron, {
              vacuumed: (report) => log.debug(report, 'leads vacuumed'),
              failed: (error) => log.error({ err: error }, 'vacuuming the leads failed; retrying at the next run'),
            });
          }
        },
        stop: async () => {
          await vacuums?.stop();
          for (const consumer of statusConsumers) await consumer.stop();
        },
      };
    },
  };
}
