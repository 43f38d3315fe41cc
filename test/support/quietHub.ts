import { analyticsService } from '@huying/analytics';
import { casesService } from '@huying/cases';
import { dispatchService } from '@huying/dispatch';
import { hubServices } from '@huying/gateway';
import type { RecordedStatement } from '@huying/runtime';

/** The hub's services without their scheduled sweeps: only what a test asks and the feeds' polling reach the database. */
export const quietServices = () =>
  hubServices().map((module) =>
    module.name === 'dispatch' ? dispatchService({ supervisionCron: false }) : module.name === 'analytics' ? analyticsService({ alertScanCron: null }) : module.name === 'cases' ? casesService({ leadsVacuumCron: null }) : module,
  );

/** What the services' own background work asks (feeds, checkpoints, the outbox, webhook deliveries): not a query's. */
const BACKGROUND = /event_checkpoints|\.outbox|pg_advisory|pg_notify|webhook_delivery/;

/** The statements a query made, the services' background work left out. */
export const askedByQuery = (statements: readonly RecordedStatement[]) => statements.filter((statement) => !BACKGROUND.test(statement.sql));
