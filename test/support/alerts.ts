import { scanForAlerts } from '@huying/analytics';
import type { Database } from '@huying/runtime';
import { eventually } from './eventually';
import { graphql } from './graphql';
import { asOperator } from './operators';

/** Scans as the hourly job would until the command centre sees an alert; its id. */
export async function scannedAlertId(hubUrl: string, db: Database): Promise<string> {
  return eventually(async () => {
    await scanForAlerts(db, new Date());
    const found = (await graphql(hubUrl, '{ alerts { id } }', {}, asOperator('COMMAND_CENTRE'))).data?.alerts as { id: string }[] | undefined;
    return found?.[0]?.id;
  }, 'the scan to file an alert');
}
