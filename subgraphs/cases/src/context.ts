import type DataLoader from 'dataloader';
import { ANONYMOUS, roleOf, listLoaderByKey, loaderByKey, type Caller, type Database } from '@huying/runtime';
import type { Channel } from '@huying/schema';
import type { IntakeDeps } from './intake';
import type { CaseRecord, MergeDecisionRecord, ReportRecord } from './model';
import { decisionsByCaseIds, reporterCounts } from './mergeStore';
import * as store from './store';

export interface CasesContext {
  intake: IntakeDeps;
  db: Database;
  loaders: {
    caseById: DataLoader<string, CaseRecord | null>;
    reportById: DataLoader<string, ReportRecord | null>;
    reportBySource: DataLoader<string, ReportRecord | null>;
    reportsByCase: DataLoader<string, ReportRecord[]>;
    decisionsByCase: DataLoader<string, MergeDecisionRecord[]>;
    reportersByCase: DataLoader<string, number | null>;
    sealedContactByReport: DataLoader<string, string | null>;
  };
  /** Who asks, as the gateway vouches for it (`x-huying-role` with its secret). */
  caller: Caller;
  /** The caller's role as recorded on every manual decision (`COMMAND_CENTRE`, `STREET:erqi`). */
  actor: string;
}

export const sourceKey = (channel: Channel, sourceId: string) => `${channel}:${sourceId}`;

/** Built for each request, so a loader's cache never outlives it. */
export function createCasesContext(intake: IntakeDeps, caller: Caller = ANONYMOUS): CasesContext {
  const { db } = intake;
  return {
    intake,
    db,
    loaders: {
      caseById: loaderByKey((ids) => store.casesByIds(db, ids)),
      reportById: loaderByKey((ids) => store.reportsByIds(db, ids)),
      reportBySource: loaderByKey((keys) =>
        store.reportsBySource(
          db,
          keys.map((key) => {
            const separator = key.indexOf(':');
            return { channel: key.slice(0, separator) as Channel, sourceId: key.slice(separator + 1) };
          }),
        ),
      ),
      reportsByCase: listLoaderByKey((ids) => store.reportsByCaseIds(db, ids)),
      decisionsByCase: listLoaderByKey((ids) => decisionsByCaseIds(db, ids)),
      reportersByCase: loaderByKey((ids) => reporterCounts(db, ids)),
      sealedContactByReport: loaderByKey((ids) => store.sealedContactsByReportIds(db, ids)),
    },
    caller,
    actor: roleOf(caller) ?? 'anonymous',
  };
}
