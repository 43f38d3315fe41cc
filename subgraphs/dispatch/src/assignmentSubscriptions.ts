import { join } from 'node:path';
import { askService, gatewayHeaders, nextPollDelay, settings, typeDefinitionsFrom, type SubscriptionSource } from '@huying/runtime';
import type { DepartmentEvent } from './departmentEvents';

/** dispatch's part of the subscriptions: its `AssignmentEvent`; the catch-up query of the same name lives in the supergraph. */
const SUBSCRIPTION_SDL = /* GraphQL */ `
  ${typeDefinitionsFrom(join(__dirname, 'dispatch.graphql'), ['AssignmentEvent', 'AssignmentState', 'SlaLight'])}
  extend type Subscription {
    "The department's assignment events as they happen; with \`after\`, first everything since that cursor."
    assignmentEvents(departmentId: ID!, after: String): AssignmentEvent!
  }
`;

const EVENTS_QUERY = `query ($departmentId: ID!, $after: String, $first: Int) {
  assignmentEvents(departmentId: $departmentId, after: $after, first: $first) {
    nodes { cursor type assignmentId caseId departmentId state previousState light round dueAt by reason at }
    pageInfo { hasNextPage endCursor }
    headCursor
  }
}`;

export interface AssignmentSubscriptionOptions {
  /** dispatch's base URL (`http://host:port`): its GraphQL checks each credential, its `/events` feed wakes subscribers. */
  dispatchBase: () => string | undefined;
  /** How often the feed is polled while anyone is subscribed. */
  pollMs?: number;
  /** When dispatch runs in this process: a hint on each outbox commit, so the watcher polls at once. */
  onDispatchAppend?(listener: () => void): () => void;
}

interface EventPage {
  nodes: DepartmentEvent[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  headCursor: string;
}

/**
 * `assignmentEvents(departmentId, after)`. Every page a subscriber receives is fetched from dispatch with
 * the subscriber's own credential (so a department sees only its own events, and a revoked key stops at
 * once); one shared poll of dispatch's outbox feed tells which departments to fetch for. Any number of
 * gateway instances can serve subscribers: the outbox is the one source.
 */
export function assignmentSubscriptions(options: AssignmentSubscriptionOptions): SubscriptionSource {
  const watcher = new FeedWatcher(options.dispatchBase, options.pollMs ?? 50);
  const stopHints = options.onDispatchAppend?.(() => watcher.pollNow());
  return {
    typeDefs: SUBSCRIPTION_SDL,
    subscribe: {
      assignmentEvents: async (args, authorization) => {
        const departmentId = String(args.departmentId);
        const after = typeof args.after === 'string' ? args.after : null;
        const fetchPage = (from: string | null) => fetchEvents(options.dispatchBase, authorization, departmentId, from);
        // The first page both checks the credential (an error reaches the client as a subscription error) and fixes the start.
        const first = await fetchPage(after);
        const start = after ? first : { nodes: [], pageInfo: { hasNextPage: false, endCursor: first.headCursor }, headCursor: first.headCursor };
        return new DepartmentEventStream(departmentId, start, fetchPage, watcher);
      },
    },
    async close() {
      stopHints?.();
      watcher.stop();
    },
  };
}

async function fetchEvents(base: () => string | undefined, authorization: string | undefined, departmentId: string, after: string | null): Promise<EventPage> {
  const headers: Record<string, string> = authorization ? { authorization } : {};
  const data = await askService<{ assignmentEvents: EventPage }>(base(), 'dispatch', { query: EVENTS_QUERY, variables: { departmentId, after, first: 200 }, headers });
  return data.assignmentEvents;
}

/** One subscriber's events: pages from dispatch, then waits until the feed shows something new for its department. */
class DepartmentEventStream implements AsyncIterableIterator<DepartmentEvent> {
  private buffer: DepartmentEvent[];
  private cursor: string | null;
  private hasMore: boolean;
  private closed = false;
  private cancelWait: (() => void) | undefined;

  constructor(
    private readonly departmentId: string,
    first: EventPage,
    private readonly fetchPage: (after: string | null) => Promise<EventPage>,
    private readonly watcher: FeedWatcher,
  ) {
    this.buffer = [...first.nodes];
    this.cursor = first.pageInfo.endCursor;
    this.hasMore = first.pageInfo.hasNextPage;
  }

  [Symbol.asyncIterator]() {
    return this;
  }

  async next(): Promise<IteratorResult<DepartmentEvent>> {
    while (!this.closed) {
      const event = this.buffer.shift();
      if (event) return { value: event, done: false };
      if (!this.hasMore) {
        const woken = await this.watcher.waitFor(this.departmentId, Number(this.cursor ?? 0), (cancel) => (this.cancelWait = cancel));
        if (!woken || this.closed) break;
      }
      const page = await this.fetchPage(this.cursor);
      this.buffer.push(...page.nodes);
      this.cursor = page.pageInfo.endCursor ?? this.cursor;
      this.hasMore = page.pageInfo.hasNextPage;
    }
    return { value: undefined, done: true };
  }

  async return(): Promise<IteratorResult<DepartmentEvent>> {
    this.closed = true;
    this.cancelWait?.();
    return { value: undefined, done: true };
  }
}

interface Waiter {
  departmentId: string;
  after: number;
  wake(woken: boolean): void;
}

/** Polls dispatch's outbox feed while anyone waits, and wakes the waiters whose department got an event. */
class FeedWatcher {
  private head: number | null = null;
  private readonly latestByDepartment = new Map<string, number>();
  private readonly waiters = new Set<Waiter>();
  private timer: NodeJS.Timeout | undefined;
  private polling = false;
  private pollAgain = false;
  private lastPollAt = 0;
  private stopped = false;
  private delay: number;
  private readonly idlePollMs: number;

  constructor(
    private readonly base: () => string | undefined,
    private readonly pollMs: number,
  ) {
    // the same back-off as the services' event consumers: quick while events flow, slow while idle
    this.delay = pollMs;
    this.idlePollMs = Math.max(pollMs, settings.idlePollMs ?? Math.max(1000, pollMs * 10));
  }

  /** Resolves true once the department has an event after `after`; false when cancelled or stopped. */
  waitFor(departmentId: string, after: number, onCancel: (cancel: () => void) => void): Promise<boolean> {
    if ((this.latestByDepartment.get(departmentId) ?? 0) > after) return Promise.resolve(true);
    return new Promise<boolean>((resolve) => {
      const waiter: Waiter = {
        departmentId,
        after,
        wake: (woken) => {
          this.waiters.delete(waiter);
          resolve(woken);
        },
      };
      this.waiters.add(waiter);
      onCancel(() => waiter.wake(false));
      this.schedule();
    });
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    for (const waiter of [...this.waiters]) waiter.wake(false);
  }

  /** dispatch just appended: poll now rather than at the end of an idle back-off (only while anyone waits). */
  pollNow(): void {
    if (this.polling) this.pollAgain = true; // the read under way may have just missed it
    if (!this.timer || this.stopped) return;
    // no sooner than one interval after the last poll, so a burst of commits is read in batches
    clearTimeout(this.timer);
    this.timer = undefined;
    this.delay = this.pollMs;
    this.pollAgain = false;
    const wait = Math.max(0, this.lastPollAt + this.pollMs - Date.now());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.poll();
    }, wait);
  }

  private schedule(): void {
    if (this.polling || this.timer || this.stopped) return;
    const wait = this.pollAgain ? Math.min(this.delay, this.pollMs) : this.delay;
    this.pollAgain = false;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.poll();
    }, wait);
  }

  private async poll(): Promise<void> {
    this.polling = true;
    this.lastPollAt = Date.now();
    const headBefore = this.head;
    try {
      const base = this.base();
      if (base) {
        if (this.head === null) {
          // Waiters fetched their own pages already; the watcher only needs to notice what comes after now.
          const response = await fetch(`${base}/events/head`, { headers: gatewayHeaders(undefined) });
          this.head = ((await response.json()) as { seq: number }).seq;
          for (const waiter of [...this.waiters]) if (waiter.after < this.head) waiter.wake(true);
        }
        for (;;) {
          const response = await fetch(`${base}/events?after=${this.head}&limit=1000`, { headers: gatewayHeaders(undefined) });
          if (!response.ok) break;
          const { events } = (await response.json()) as { events: { seq: number; payload: { departmentId?: string } }[] };
          for (const event of events) {
            this.head = event.seq;
            const department = event.payload.departmentId;
            if (department) this.latestByDepartment.set(department, event.seq);
          }
          if (events.length < 1000) break;
        }
        for (const waiter of [...this.waiters]) {
          if ((this.latestByDepartment.get(waiter.departmentId) ?? 0) > waiter.after) waiter.wake(true);
        }
      }
    } catch {
      // dispatch is down or restarting: keep polling; subscribers catch up from their cursors
    } finally {
      this.polling = false;
      this.delay = nextPollDelay(this.delay, this.head !== headBefore ? 1 : 0, this.pollMs, this.idlePollMs);
      if (this.waiters.size > 0) this.schedule();
    }
  }
}
