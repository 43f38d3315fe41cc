import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Clock, Database, Sql, StoredEvent } from '@huying/runtime';
import { userInputError } from '@huying/runtime';
import * as store from './store';

/** The events a department system receives: its assignments' transitions and lights. */
export const DEPARTMENT_EVENT_TYPES = ['AssignmentChanged', 'SlaLightChanged'] as const;

export const SIGNATURE_HEADER = 'x-huying-signature';
export const DELIVERY_HEADER = 'x-huying-delivery';
export const EVENT_HEADER = 'x-huying-event';

/** `sha256=<hex HMAC-SHA256 of the raw body>` under the webhook's secret. */
export function signWebhookBody(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** What a receiver does with the signature header (constant-time compare). */
export function verifyWebhookSignature(secret: string, body: string, header: string | undefined | null): boolean {
  if (!header) return false;
  const expected = Buffer.from(signWebhookBody(secret, body));
  const given = Buffer.from(header);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

export async function registerWebhook(db: Sql, clock: Clock, departmentId: string, url: string) {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw userInputError(`"${url}" is not a URL`, { field: 'url' });
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw userInputError('a webhook URL must be http or https', { field: 'url' });
  const secret = randomBytes(32).toString('hex');
  return store.insertWebhook(db, departmentId, parsed.toString(), secret, clock.now());
}

/**
 * Fans one outbox event out to every webhook of its department (run by a consumer of dispatch's own
 * feed, so a delivery row exists iff the event does, and survives restarts).
 */
export async function fanOutToWebhooks(tx: Sql, event: StoredEvent, now: Date): Promise<void> {
  if (!(DEPARTMENT_EVENT_TYPES as readonly string[]).includes(event.type)) return;
  const payload = event.payload as { departmentId?: string; assignmentId?: string };
  if (!payload.departmentId || !payload.assignmentId) return;
  const body = JSON.stringify({ eventId: event.eventId, cursor: String(event.seq), type: event.type, occurredAt: event.occurredAt.toISOString(), payload });
  for (const webhook of await store.activeWebhooks(tx, payload.departmentId)) {
    await tx.query(
      `INSERT INTO dispatch.webhook_delivery (webhook_id, event_seq, event_type, assignment_id, body, next_attempt_at, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $6) ON CONFLICT (webhook_id, event_seq) DO NOTHING`,
      [webhook.id, event.seq, event.type, payload.assignmentId, body, now],
    );
  }
}

export interface WebhookDeliveryOptions {
  db: Database;
  clock: Clock;
  /** First retry after this long, doubling each time up to `maxBackoffMs`. */
  baseBackoffMs: number;
  maxBackoffMs: number;
  timeoutMs: number;
  /** How long a claimed delivery is hidden from other deliverers (replicas) while its POST is in flight. */
  leaseMs?: number;
}

/** Back-off before attempt `attempts + 1`: base · 2^(attempts−1), capped. */
export function webhookBackoffMs(attempts: number, baseMs: number, maxMs: number): number {
  return Math.min(baseMs * 2 ** Math.max(0, attempts - 1), maxMs);
}

interface ClaimedDelivery {
  id: string;
  event_type: string;
  body: string;
  attempts: number;
  url: string;
  secret: string;
}

/**
 * One round of webhook delivery: claims, for each (webhook, assignment), only its oldest undelivered
 * event when it is due (so events of one assignment arrive in order), POSTs them signed, and marks each
 * delivered on a 2xx or schedules its retry. Returns how many were acknowledged.
 */
export async function deliverWebhooks(options: WebhookDeliveryOptions, limit = 100): Promise<{ attempted: number; delivered: number }> {
  const { db, clock } = options;
  const now = clock.now();
  const lease = new Date(now.getTime() + (options.leaseMs ?? 60_000));
  const claimed = await db.query<ClaimedDelivery>(
    `WITH due AS (
       SELECT d.id FROM dispatch.webhook_delivery d JOIN dispatch.webhook w ON w.id = d.webhook_id
        WHERE d.delivered_at IS NULL AND w.removed_at IS NULL AND d.next_attempt_at <= $1
          AND NOT EXISTS (SELECT 1 FROM dispatch.webhook_delivery e
                           WHERE e.webhook_id = d.webhook_id AND e.assignment_id = d.assignment_id
                             AND e.delivered_at IS NULL AND e.event_seq < d.event_seq)
        ORDER BY d.event_seq LIMIT $2 FOR UPDATE OF d SKIP LOCKED)
     UPDATE dispatch.webhook_delivery d SET next_attempt_at = $3 FROM due, dispatch.webhook w
      WHERE d.id = due.id AND w.id = d.webhook_id
      RETURNING d.id, d.event_type, d.body, d.attempts, w.url, w.secret`,
    [now, limit, lease],
  );
  const outcomes = await Promise.all(claimed.map((delivery) => postDelivery(delivery, options.timeoutMs)));
  let delivered = 0;
  const after = clock.now();
  for (const [index, delivery] of claimed.entries()) {
    const error = outcomes[index];
    if (error === null) {
      delivered += 1;
      await db.query(`UPDATE dispatch.webhook_delivery SET delivered_at = $2, attempts = attempts + 1, last_error = NULL WHERE id = $1`, [delivery.id, after]);
    } else {
      const retryAt = new Date(after.getTime() + webhookBackoffMs(delivery.attempts + 1, options.baseBackoffMs, options.maxBackoffMs));
      await db.query(`UPDATE dispatch.webhook_delivery SET attempts = attempts + 1, last_error = $2, next_attempt_at = $3 WHERE id = $1`, [
        delivery.id,
        error,
        retryAt,
      ]);
    }
  }
  return { attempted: claimed.length, delivered };
}

/** null when acknowledged (2xx), else why not. */
async function postDelivery(delivery: ClaimedDelivery, timeoutMs: number): Promise<string | null> {
  try {
    const response = await fetch(delivery.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [SIGNATURE_HEADER]: signWebhookBody(delivery.secret, delivery.body),
        [DELIVERY_HEADER]: delivery.id,
        [EVENT_HEADER]: delivery.event_type,
      },
      body: delivery.body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.arrayBuffer().catch(() => undefined);
    return response.ok ? null : `receiver answered ${response.status}`;
  } catch (error) {
    return `receiver unreachable: ${(error as Error).message}`;
  }
}
