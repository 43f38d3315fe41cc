import type { GraphQLResolverMap } from '@apollo/subgraph';
import { pageSize, userInputError } from '@huying/runtime';
import { sharedScalarResolvers } from '@huying/schema';
import type { FeedbackContext } from './context';
import { evaluateCase, evaluateDepartment, type CaseEvaluationInput, type DepartmentEvaluationInput } from './evaluate';
import { evaluationRollup, type EvaluationGrouping, type RollupPeriod } from './rollup';
import type { CallbackRecord, EvaluationRecord } from './store';
import { pendingCallbacks } from './store';

interface RollupArgs {
  groupBy: EvaluationGrouping;
  period: RollupPeriod;
  from: Date;
  to: Date;
  raterKind: 'CITIZEN' | 'STREET';
}

export const resolvers: GraphQLResolverMap<FeedbackContext> = {
  ...sharedScalarResolvers,
  Query: {
    evaluations: (_root, { caseId }: { caseId: string }, { loaders }) => loaders.evaluationsByCase.load(caseId),
    pendingCallbacks: (_root, { first }: { first?: number | null }, { deps }) => pendingCallbacks(deps.db, pageSize(first, 50)),
    evaluationRollup: (_root, args: RollupArgs, { deps }) => {
      if (!(args.from < args.to)) throw userInputError('from must be before to', { field: 'from' });
      return evaluationRollup(deps.db, args);
    },
  },
  Mutation: {
    evaluateCase: async (_root, args: CaseEvaluationInput, { deps, rater }) => {
      if (rater instanceof Error) throw rater;
      const result = await evaluateCase(deps, rater, args);
      if (result instanceof Error) throw result;
      return result;
    },
    evaluateDepartment: async (_root, args: DepartmentEvaluationInput, { deps, rater }) => {
      if (rater instanceof Error) throw rater;
      const result = await evaluateDepartment(deps, rater, args);
      if (result instanceof Error) throw result;
      return result;
    },
  },
  Evaluation: {
    case: (evaluation: EvaluationRecord) => ({ id: evaluation.caseId }),
    createdAt: (evaluation: EvaluationRecord) => evaluation.createdAt,
  },
  Callback: {
    case: (callback: CallbackRecord) => ({ id: callback.caseId }),
    report: (callback: CallbackRecord) => ({ id: callback.reportId }),
    contact: (callback: CallbackRecord) => callback.contactMasked,
    evaluation: (callback: CallbackRecord, _args, { loaders }) => (callback.evaluationId ? loaders.evaluationById.load(callback.evaluationId) : null),
  },
  Case: {
    __resolveReference: (ref: { id: string }) => ({ id: ref.id }),
    evaluations: (ref: { id: string }, _args, { loaders }) => loaders.evaluationsByCase.load(ref.id),
    handlingRound: async (ref: { id: string }, _args, { loaders }) => (await loaders.roundByCase.load(ref.id)) ?? 1,
    callbacks: (ref: { id: string }, _args, { loaders }) => loaders.callbacksByCase.load(ref.id),
  },
};
