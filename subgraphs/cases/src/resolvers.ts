import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { decodeCursor, encodeCursor, pageSize, userInputError } from '@huying/runtime';
import {
  CASE_STATUS_NAMES,
  CATEGORIES,
  categoryByCode,
  describeIssues,
  sharedScalarResolvers,
  type Channel,
} from '@huying/schema';
import { sourceKey, type CasesContext } from './context';
import { submitReports } from './intake';
import type { CaseRecord, ReportRecord } from './model';
import { countCases, isUuid, listCases, type CaseQuery } from './store';

export const resolvers: GraphQLResolverMap<CasesContext> = {
  ...sharedScalarResolvers,
  Query: {
    case: (_root, { id }: { id: string }, { loaders }) => (isUuid(id) ? loaders.caseById.load(id) : null),
    cases: async (_root, args: { filter?: CaseQuery | null; first?: number | null; after?: string | null }, { db, loaders }) => {
      const first = pageSize(args.first);
      const filter = args.filter ?? {};
      const after = args.after ? cursorPosition(args.after) : null;
      const [page, totalCount] = await Promise.all([listCases(db, filter, first + 1, after), countCases(db, filter)]);
      const nodes = page.slice(0, first);
      for (const node of nodes) loaders.caseById.prime(node.id, node);
      const edges = nodes.map((node) => ({ cursor: encodeCursor([node.createdAt.toISOString(), node.id]), node }));
      return {
        edges,
        nodes,
        totalCount,
        pageInfo: { hasNextPage: page.length > first, endCursor: edges.at(-1)?.cursor ?? null },
      };
    },
    report: (_root, { channel, sourceId }: { channel: Channel; sourceId: string }, { loaders }) =>
      loaders.reportBySource.load(sourceKey(channel, sourceId)),
    categories: () => CATEGORIES,
  },
  Mutation: {
    submitReports: async (_root, { reports }: { reports: unknown[] }, { intake }) => {
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
  },
  Case: {
    __resolveReference: (ref: { id: string }, { loaders }: CasesContext) => (isUuid(ref.id) ? loaders.caseById.load(ref.id) : null),
    statusName: (record: CaseRecord) => CASE_STATUS_NAMES[record.status],
    category: (record: CaseRecord) => (record.categoryCode ? categoryByCode(record.categoryCode) ?? null : null),
    reports: (record: CaseRecord, _args, { loaders }) => loaders.reportsByCase.load(record.id),
    reportCount: async (record: CaseRecord, _args, { loaders }) => (await loaders.reportsByCase.load(record.id)).length,
    channels: async (record: CaseRecord, _args, { loaders }) => [
      ...new Set((await loaders.reportsByCase.load(record.id)).map((report) => report.channel)),
    ],
  },
  Report: {
    __resolveReference: (ref: { id?: string; channel?: Channel; sourceId?: string }, { loaders }: CasesContext) => {
      if (ref.id) return isUuid(ref.id) ? loaders.reportById.load(ref.id) : null;
      return ref.channel && ref.sourceId ? loaders.reportBySource.load(sourceKey(ref.channel, ref.sourceId)) : null;
    },
    contact: (report: ReportRecord) => report.contactMasked,
    case: (report: ReportRecord, _args, { loaders }) => loaders.caseById.load(report.caseId),
  },
};

function cursorPosition(cursor: string): { createdAt: Date; id: string } {
  const [createdAt, id] = decodeCursor(cursor);
  const date = new Date(String(createdAt));
  if (typeof id !== 'string' || !isUuid(id) || Number.isNaN(date.getTime())) {
    throw userInputError('after is not a cursor this API handed out', { field: 'after' });
  }
  return { createdAt: date, id };
}
