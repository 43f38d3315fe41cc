import type { Request } from 'express';
import type DataLoader from 'dataloader';
import { listLoaderByKey, loaderByKey, roleFromGateway, type DomainError } from '@huying/runtime';
import type { FeedbackDeps } from './evaluate';
import { raterFromHeader, type Rater } from './roles';
import * as store from './store';

export interface FeedbackContext {
  deps: FeedbackDeps;
  rater: Rater | DomainError;
  loaders: {
    evaluationById: DataLoader<string, store.EvaluationRecord | null>;
    evaluationsByCase: DataLoader<string, store.EvaluationRecord[]>;
    callbacksByCase: DataLoader<string, store.CallbackRecord[]>;
    roundByCase: DataLoader<string, number | null>;
  };
}

/** Built for each request, so a loader's cache never outlives it. */
export function createFeedbackContext(deps: FeedbackDeps, request: Pick<Request, 'headers'>): FeedbackContext {
  const { db } = deps;
  return {
    deps,
    // a role only counts when the gateway vouches for it; anyone else is a citizen
    rater: raterFromHeader(roleFromGateway(request.headers)),
    loaders: {
      evaluationById: loaderByKey((ids) => store.evaluationsByIds(db, ids)),
      evaluationsByCase: listLoaderByKey((ids) => store.evaluationsByCaseIds(db, ids)),
      callbacksByCase: listLoaderByKey((ids) => store.callbacksByCaseIds(db, ids)),
      roundByCase: loaderByKey((ids) => store.roundsByCaseIds(db, ids)),
    },
  };
}
