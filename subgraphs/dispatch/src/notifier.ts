import { dataKeys, type Sql } from '@huying/runtime';

/** One text message to a person (a head of department, the supervision office). */
export interface ReminderMessage {
  reminderId: string;
  phone: string;
  text: string;
}

/** How reminders leave the hub: an SMS gateway in production, a recorded outbox in the embedded default. */
export interface Notifier {
  send(message: ReminderMessage): Promise<void>;
}

/** Keeps each message in `dispatch.sms_outbox` (once per reminder), for the embedded default and tests. */
export function recordedNotifier(db: Sql, now: () => Date): Notifier {
  return {
    async send(message) {
      await db.query(
        `INSERT INTO dispatch.sms_outbox (phone, message, reminder_id, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT (reminder_id) DO NOTHING`,
        [dataKeys().seal(message.phone), message.text, message.reminderId, now()],
      );
    },
  };
}

/**
 * POSTs `{ id, phone, text }` as JSON to the city's SMS gateway; anything but 2xx is a failure and the
 * next sweep sends the reminder again (the id lets the gateway drop a repeat).
 */
export function httpSmsNotifier(url: string, options: { token?: string; timeoutMs?: number } = {}): Notifier {
  return {
    async send(message) {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(options.token ? { authorization: `Bearer ${options.token}` } : {}) },
        body: JSON.stringify({ id: message.reminderId, phone: message.phone, text: message.text }),
        signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
      });
      if (!response.ok) throw new Error(`SMS gateway answered ${response.status}`);
    },
  };
}
