import type { GraphQLResolverMap } from '@apollo/subgraph';
import { dataKeys, decodeCursor, encodeCursor, mayAsk, neverShared, pageSize, refusal, userInputError } from '@huying/runtime';
import {
  CASE_STATUS_NAMES,
  CASE_STATUSES,
  CATEGORIES,
  OPEN_CASE_STATUSES,
  categoryByCode,
  describeIssues,
  sharedScalarResolvers,
  type Channel,
} from '@huying/schema';
import { refuseOversizedBatch } from './batchCap';
import { correctCategory } from './categoryCorrection';
import { sourceKey, type CasesContext } from './context';
import { DateTimeStringScalar } from './dateTimeString';
import { submitReports } from './intake';
import type { CaseRecord, MergeDecisionRecord, ReportRecord } from './model';
import { confirmMerge, mergeCases, rejectMerge, splitReport, undoMergeDecision } from './mergeOperations';
import { countPendingSuggestions, pendingSuggestions } from './mergeStore';
import * as store from './store';
import { countCases, isUuid, listCases, type CaseQuery } from './store';

/** Only a 回访 agent dials a reporter back; the number is personal data (PIPL). */
const CALLBACK_NUMBER_READERS = ['CALLBACK'] as const;

/** What a Case and its public face (ServiceRequest) read alike from one case record. */
const CASE_RECORD_FIELDS = {
  __resolveReference: (ref: { id: string }, { loaders }: CasesContext) => (isUuid(ref.id) ? loaders.caseById.load(ref.id) : null),
  statusName: (record: CaseRecord) => CASE_STATUS_NAMES[record.status],
  category: (record: CaseRecord) => (record.categoryCode ? categoryByCode(record.categoryCode) ?? null : null),
  reportCount: async (record: CaseRecord, _args: unknown, { loaders }: CasesContext) => (await loaders.reportsByCase.load(record.id)).length,
};

export const resolvers: GraphQLResolverMap<CasesContext> = {
  ...sharedScalarResolvers,
  DateTimeString: DateTimeStringScalar,
  Query: {
    case: (_root, { id }: { id: string }, { loaders }) => (isUuid(id) ? loaders.caseById.load(id) : null),
    cases: (_root, args: { filter?: CaseQuery | null; first?: number | null; after?: string | null }, context) =>
      casePage(context, args.filter ?? {}, args),
    report: (_root, { channel, sourceId }: { channel: Channel; sourceId: string }, { loaders }) =>
      loaders.reportBySource.load(sourceKey(channel, sourceId)),
    serviceRequests: (_root, args: { filter?: ServiceRequestFilter | null; first?: number | null; after?: string | null }, context) =>
      casePage(context, serviceRequestQuery(args.filter ?? {}), args),
    serviceRequest: (_root, { id }: { id: string }, { loaders }) => (isUuid(id) ? loaders.caseById.load(id) : null),
    serviceRequestOfReport: async (_root, { channel, sourceId }: { channel: Channel; sourceId: string }, { loaders }) => {
      const report = await loaders.reportBySource.load(sourceKey(channel, sourceId));
      return report ? loaders.caseById.load(report.caseId) : null;
    },
    categories: () => CATEGORIES,
    mergeSuggestions: async (_root, args: { first?: number | null; after?: string | null }, { db }) => {
      const first = pageSize(args.first);
      const after = args.after ? decisionPosition(args.after) : null;
      const [page, totalCount] = await Promise.all([pendingSuggestions(db, first + 1, after), countPendingSuggestions(db)]);
      const nodes = page.slice(0, first);
      const edges = nodes.map((node) => ({ cursor: encodeCursor([node.decidedAt.toISOString(), node.id]), node }));
      return { edges, nodes, totalCount, pageInfo: { hasNextPage: page.length > first, endCursor: edges.at(-1)?.cursor ?? null } };
    },
  },
  Mutation: {
    submitReports: async (_root, { reports }: { reports: unknown[] }, { intake }) => {
      refuseOversizedBatch(reports.length);
      const results = await submitReports(intake, reports);
      // A refused report is an error at its own index; the others stand.
      return results.map((result, index) =>
        result.ok
          ? result
          : userInputError(`reports[${index}]: ${describeIssues(result.issues)}`, {
              index,
              field: `reports[${index}].${result.issues[0]!.field}`,
              issues: result.issues,
            }),
      );
    },
    confirmMerge: (_root, args: { suggestionId: string; reason?: string | null }, { intake, actor }) =>
      confirmMerge(intake, uuidArgument(args.suggestionId, 'suggestionId'), { by: actor, reason: args.reason ?? null }),
    rejectMerge: (_root, args: { suggestionId: string; reason?: string | null }, { intake, actor }) =>
      rejectMerge(intake, uuidArgument(args.suggestionId, 'suggestionId'), { by: actor, reason: args.reason ?? null }),
    mergeCases: (_root, args: { into: string; from: string; reason: string }, { intake, actor }) =>
      mergeCases(intake, {
        intoCaseId: uuidArgument(args.into, 'into'),
        fromCaseId: uuidArgument(args.from, 'from'),
        by: actor,
        reason: requiredReason(args.reason),
      }),
    splitReport: (_root, args: { reportId: string; reason: string }, { intake, actor }) =>
      splitReport(intake, uuidArgument(args.reportId, 'reportId'), { by: actor, reason: requiredReason(args.reason) }),
    undoMergeDecision: (_root, args: { decisionId: string; reason: string }, { intake, actor }) =>
      undoMergeDecision(intake, uuidArgument(args.decisionId, 'decisionId'), { by: actor, reason: requiredReason(args.reason) }),
    correctCategory: (_root, args: { caseId: string; category: string; reason?: string | null }, { intake, actor }) =>
      correctCategory(intake, { caseId: uuidArgument(args.caseId, 'caseId'), code: args.category, by: actor, reason: args.reason?.trim() || null }),
  },
  MergeDecision: {
    into: (decision: MergeDecisionRecord, _args, { loaders }) => loaders.caseById.load(decision.intoCaseId),
    from: (decision: MergeDecisionRecord, _args, { loaders }) => (decision.fromCaseId ? loaders.caseById.load(decision.fromCaseId) : null),
    report: (decision: MergeDecisionRecord, _args, { loaders }) => (decision.reportId ? loaders.reportById.load(decision.reportId) : null),
    // Decisions that carry no comparison (manual merges, undo markers) show no signals.
    signals: (decision: MergeDecisionRecord) => (decision.signals && 'text' in decision.signals ? decision.signals : null),
  },
  Case: {
    ...CASE_RECORD_FIELDS,
    reports: (record: CaseRecord, _args, { loaders }) => loaders.reportsByCase.load(record.id),
    reporters: async (record: CaseRecord, _args, { loaders }) => (await loaders.reportersByCase.load(record.id)) ?? 0,
    mergeHistory: (record: CaseRecord, _args, { loaders }) => loaders.decisionsByCase.load(record.id),
    mergedInto: (record: CaseRecord, _args, { loaders }) => (record.mergedInto ? loaders.caseById.load(record.mergedInto) : null),
    channels: async (record: CaseRecord, _args, { loaders }) => [
      ...new Set((await loaders.reportsByCase.load(record.id)).map((report) => report.channel)),
    ],
  },
  // A ServiceRequest is a case's record seen through its public fields only.
  ServiceRequest: {
    ...CASE_RECORD_FIELDS,
    open: (record: CaseRecord) => OPEN_CASE_STATUSES.includes(record.status),
    summary: (record: CaseRecord) => record.title,
    requestedAt: (record: CaseRecord) => record.createdAt,
  },
  Report: {
    __resolveReference: (ref: { id?: string; channel?: Channel; sourceId?: string }, { loaders }: CasesContext) => {
      if (ref.id) return isUuid(ref.id) ? loaders.reportById.load(ref.id) : null;
      return ref.channel && ref.sourceId ? loaders.reportBySource.load(sourceKey(ref.channel, ref.sourceId)) : null;
    },
    contact: (report: ReportRecord) => report.contactMasked,
    callbackNumber: async (report: ReportRecord, _args, { caller, intake, actor, loaders }, info) => {
      // every read is logged for the caller who made it: an answer holding one is never kept for another
      neverShared(info);
      if (!mayAsk(caller, CALLBACK_NUMBER_READERS)) throw refusal(caller, 'Report.callbackNumber');
      const sealed = await loaders.sealedContactByReport.load(report.id);
      if (!sealed) return null;
      await store.recordContactRead(intake.db, report.id, actor, intake.clock.now());
      return (intake.keys ?? dataKeys()).open(sealed);
    },
    case: (report: ReportRecord, _args, { loaders }) => loaders.caseById.load(report.caseId),
  },
};

/** One Relay page of cases, newest first. */
async function casePage(
  { db, loaders }: CasesContext,
  filter: CaseQuery,
  args: { first?: number | null; after?: string | null },
) {
  const first = pageSize(args.first);
  const after = args.after ? cursorPosition(args.after) : null;
  const [page, totalCount] = await Promise.all([listCases(db, filter, first + 1, after), countCases(db, filter)]);
  const nodes = page.slice(0, first);
  for (const node of nodes) loaders.caseById.prime(node.id, node);
  const edges = nodes.map((node) => ({ cursor: encodeCursor([node.createdAt.toISOString(), node.id]), node }));
  return { edges, nodes, totalCount, pageInfo: { hasNextPage: page.length > first, endCursor: edges.at(-1)?.cursor ?? null } };
}

interface ServiceRequestFilter {
  ids?: string[] | null;
  categories?: string[] | null;
  open?: boolean | null;
  requestedAfter?: Date | null;
  requestedBefore?: Date | null;
}

const CLOSED_CASE_STATUSES = CASE_STATUSES.filter((status) => !OPEN_CASE_STATUSES.includes(status));

function serviceRequestQuery(filter: ServiceRequestFilter): CaseQuery {
  for (const code of filter.categories ?? []) {
    if (!categoryByCode(code)) throw userInputError(`"${code}" is not a category code (Query.categories lists them)`, { field: 'filter.categories' });
  }
  const statuses = filter.open === true ? OPEN_CASE_STATUSES : filter.open === false ? CLOSED_CASE_STATUSES : null;
  return {
    ids: filter.ids ?? null,
    categories: filter.categories ?? null,
    statuses,
    createdAfter: filter.requestedAfter ?? null,
    createdBefore: filter.requestedBefore ?? null,
  };
}

function cursorPosition(cursor: string): { createdAt: Date; id: string } {
  const [createdAt, id] = decodeCursor(cursor);
  const date = new Date(String(createdAt));
  if (typeof id !== 'string' || !isUuid(id) || Number.isNaN(date.getTime())) {
    throw userInputError('after is not a cursor this API handed out', { field: 'after' });
  }
  return { createdAt: date, id };
}

function decisionPosition(cursor: string): { decidedAt: Date; id: string } {
  const { createdAt, id } = cursorPosition(cursor);
  return { decidedAt: createdAt, id };
}

function uuidArgument(value: string, field: string): string {
  if (!isUuid(value)) throw userInputError(`${field} is not an id this API handed out`, { field });
  return value;
}

function requiredReason(reason: string): string {
  const trimmed = reason.trim();
  if (!trimmed) throw userInputError('reason must not be empty: every manual decision says why', { field: 'reason' });
  return trimmed;
}
