import express, { type Router } from 'express';
import { roleFromGateway, type Clock, type Database } from '@huying/runtime';
import { batchRefusal } from '@huying/schema';
import { kitSettings } from './config';
import type { ConnectorStore, DeadLetter } from './connectorStore';
import type { Puller } from './puller';
import { maskRecord } from './recordMask';

/** A connector's state as the admin route (and the `connectors` field) shows it. */
export interface ConnectorStateView {
  channel: string;
  configured: boolean;
  lastRunAt: string | null;
  lastSuccessAt: string | null;
  cursor: string | null;
  pulled: number;
  failed: number;
  lagSeconds: number | null;
  lastError: string | null;
}

export interface DeadLetterView {
  id: string;
  sourceId: string | null;
  payload: unknown;
  reason: string;
  failedAt: string;
  attempts: number;
  resolvedAt: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The HTTP face of a channel's connector for the `connectors` subgraph (and for operators): its state,
 * its dead letters, a retry, a pull now, and a batch of raw records to ingest (backfill).
 */
export function connectorRoutes(
  router: Router,
  parts: { db: Database; clock: Clock; store: ConnectorStore; puller: Puller<unknown> | null; personalFields: readonly string[] },
): void {
  const { db, clock, store, puller } = parts;
  // The raw record in clear only for ADMIN (who fixes mappings); everyone else sees it masked.
  const viewOf = (request: express.Request) => {
    const clear = roleFromGateway(request.headers)?.toUpperCase() === 'ADMIN';
    return (letter: DeadLetter) => deadLetterView(letter, clear ? null : parts.personalFields);
  };
  const json = express.json({ limit: '20mb' });

  router.get('/connector/state', async (_request, response, next) => {
    try {
      const state = await store.state(db);
      const view: ConnectorStateView = {
        channel: state.channel,
        configured: puller !== null,
        lastRunAt: state.lastRunAt?.toISOString() ?? null,
        lastSuccessAt: state.lastSuccessAt?.toISOString() ?? null,
        cursor: state.checkpoint,
        pulled: state.pulled,
        failed: state.failed,
        lagSeconds: state.lastSuccessAt ? Math.max(0, Math.round((clock.now().getTime() - state.lastSuccessAt.getTime()) / 1000)) : null,
        lastError: state.lastError,
      };
      response.json(view);
    } catch (error) {
      next(error);
    }
  });

  router.get('/connector/dead-letters', async (request, response, next) => {
    try {
      const first = Number(request.query.first ?? 20);
      const afterId = typeof request.query.afterId === 'string' ? request.query.afterId : null;
      const afterTime = typeof request.query.afterFailedAt === 'string' ? new Date(request.query.afterFailedAt) : null;
      if (!Number.isInteger(first) || first < 0 || first > 500 || (afterId && !UUID.test(afterId)) || (afterTime && Number.isNaN(afterTime.getTime()))) {
        response.status(400).json({ error: 'first must be 0..500; afterId a uuid; afterFailedAt a time' });
        return;
      }
      const after = afterId && afterTime ? { id: afterId, failedAt: afterTime } : null;
      const [letters, totalCount] = await Promise.all([store.deadLetters(db, first + 1, after), store.countDeadLetters(db)]);
      response.json({ totalCount, hasNextPage: letters.length > first, nodes: letters.slice(0, first).map(viewOf(request)) });
    } catch (error) {
      next(error);
    }
  });

  // Body (optional): {"record": {...}}, the record as an operator corrected it.
  router.post('/connector/dead-letters/:id/retry', json, async (request, response, next) => {
    try {
      if (!UUID.test(request.params.id)) {
        response.status(404).json({ error: 'no such dead letter' });
        return;
      }
      if (!puller) {
        response.status(409).json({ error: 'this connector has no source configured' });
        return;
      }
      const corrected = (request.body as { record?: unknown } | undefined)?.record;
      if (corrected !== undefined && (corrected === null || typeof corrected !== 'object')) {
        response.status(400).json({ error: 'record must be the corrected legacy record (a JSON object)' });
        return;
      }
      const result = await puller.retryDeadLetter(request.params.id, corrected);
      if (!result) {
        response.status(404).json({ error: 'no such dead letter' });
        return;
      }
      const view = viewOf(request);
      response.json(result.ok ? { ok: true, sourceId: result.sourceId, deadLetter: view(result.deadLetter) } : { ok: false, reason: result.reason, deadLetter: view(result.deadLetter) });
    } catch (error) {
      next(error);
    }
  });

  router.post('/connector/pull', async (_request, response) => {
    if (!puller) {
      response.status(409).json({ error: 'this connector has no source configured' });
      return;
    }
    try {
      response.json(await puller.pullOnce());
    } catch (error) {
      response.status(502).json({ error: (error as Error).message });
    }
  });

  router.post('/connector/ingest', json, async (request, response, next) => {
    try {
      const records = (request.body as { records?: unknown }).records;
      if (!Array.isArray(records)) {
        response.status(400).json({ error: 'body must be {"records": [...]}' });
        return;
      }
      // Refused whole before a record is read: the records are mapped and stored in one transaction.
      const oversized = batchRefusal(records.length, kitSettings.maxBatch, 'records');
      if (oversized) {
        response.status(400).json({ error: oversized.message, limit: oversized.limit, size: oversized.size });
        return;
      }
      if (!puller) {
        response.status(409).json({ error: 'this connector has no source configured' });
        return;
      }
      const summary = await puller.ingest(records);
      await puller.deliverPending();
      response.json(summary);
    } catch (error) {
      next(error);
    }
  });
}

/** `personalFields` null: the record in clear; else masked. */
function deadLetterView(letter: DeadLetter, personalFields: readonly string[] | null): DeadLetterView {
  return {
    id: letter.id,
    sourceId: letter.sourceId,
    payload: personalFields ? maskRecord(letter.raw, personalFields) : letter.raw,
    reason: letter.reason,
    failedAt: letter.failedAt.toISOString(),
    attempts: letter.attempts,
    resolvedAt: letter.resolvedAt?.toISOString() ?? null,
  };
}
