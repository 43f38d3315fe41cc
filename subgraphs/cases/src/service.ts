import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'graphql';
import { migrate, migrationsFromDir, settings, type ServiceModule } from '@huying/runtime';
import { SHARED_SDL } from '@huying/schema';
import { oneCasePerReport, type CaseMatcher } from './caseMatcher';
import { createCasesContext, type CasesContext } from './context';
import { CASES_SCHEMA, type IntakeDeps } from './intake';
import { resolvers } from './resolvers';

export const CASES_SDL = `${SHARED_SDL}\n${readFileSync(join(__dirname, 'cases.graphql'), 'utf8')}`;

export interface CasesOptions {
  matcher?: CaseMatcher;
}

/** The cases subgraph: intake, the one Case per issue, and the Case/Report entities. */
export function casesService(options: CasesOptions = {}): ServiceModule<CasesContext> {
  return {
    name: 'cases',
    sdl: CASES_SDL,
    async create({ db, clock }) {
      await migrate(db, CASES_SCHEMA, migrationsFromDir(join(__dirname, '..', 'migrations')));
      const intake: IntakeDeps = { db, clock, matcher: options.matcher ?? oneCasePerReport, contactKey: settings.contactKey };
      return {
        name: 'cases',
        typeDefs: parse(CASES_SDL),
        resolvers,
        eventSchema: CASES_SCHEMA,
        context: () => createCasesContext(intake),
      };
    },
  };
}
