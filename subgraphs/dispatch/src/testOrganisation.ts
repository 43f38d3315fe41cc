import { createLogger, type Clock, type Database, type EventFeed } from '@huying/runtime';
import { DEFAULT_ORGANISATION_FILE } from './config';
import type { DispatchDeps } from './dispatcher';
import { loadOrganisationFile } from './organisation';
import { OrgChart } from './orgChart';
import { dispatchService } from './service';

const noEvents: EventFeed = { read: async () => [] };

/** A migrated dispatch schema on `db` with the shipped 江岸区 organisation, for storage tests (not exported by the package). */
export async function migratedDispatch(db: Database, clock: Clock): Promise<DispatchDeps> {
  const organisation = loadOrganisationFile(DEFAULT_ORGANISATION_FILE);
  await dispatchService({ organisation, supervisionCron: false }).create({ db, clock, log: createLogger('dispatch-test'), feed: () => noEvents, endpoint: () => undefined });
  return { db, clock, org: new OrgChart(organisation) };
}
