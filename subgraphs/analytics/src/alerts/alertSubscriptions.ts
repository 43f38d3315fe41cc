import { join } from 'node:path';
import { GraphQLError } from 'graphql';
import { askService, typeDefinitionsFrom, type SubscriptionSource } from '@huying/runtime';

/** analytics' part of the subscriptions: its `AlertChange`; the catch-up query of the same name lives in the supergraph. */
const SUBSCRIPTION_SDL = /* GraphQL */ `
  ${typeDefinitionsFrom(join(__dirname, '..', 'analytics.graphql'), ['AlertChange', 'AlertStatus', 'AlertDetector'])}
  extend type Subscription {
    "Each alert as it is filed, grows, closes or is decided (the command centre's roles); with \`after\`, first every change since that cursor."
    alertChanges(after: String): AlertChange!
  }
`;

const CHANGES_QUERY = `query ($after: String, $first: Int) {
  alertChanges(after: $after, first: $first) {
    nodes { cursor alertId detector status categoryCode place placeName openedOn lastUnusualOn closedOn reports score reason decidedBy decisionReason }
    endCursor hasNextPage headCursor
  }
}`;

interface AlertChange {
  cursor: string;
  [field: string]: unknown;
}

interface ChangePage {
  nodes: AlertChange[];
  endCursor: string | null;
  hasNextPage: boolean;
  headCursor: string;
}

export interface AlertSubscriptionOptions {
  /** analytics' base URL (`http://host:port`). */
  analyticsBase: () => string | undefined;
  /** The headers a subscriber's requests to analytics carry (the gateway vouches for an operator's role). */
  callerHeaders: (authorization: string | undefined) => Record<string, string>;
  /** How often each subscriber's feed is asked while nothing is new. */
  pollMs?: number;
}

/**
 * `alertChanges(after)`. Every page is asked of analytics as the subscriber, so only the roles that may read
 * alerts can follow them, and a withdrawn token stops at the next page. Alerts change with the hourly scan
 * and the command centre's decisions: a poll a second per subscriber is plenty and costs one indexed read.
 */
export function alertSubscriptions(options: AlertSubscriptionOptions): SubscriptionSource {
  const pollMs = options.pollMs ?? 1000;
  const streams = new Set<AlertChangeStream>();
  return {
    typeDefs: SUBSCRIPTION_SDL,
    subscribe: {
      alertChanges: async (args, authorization) => {
        const fetchPage = (after: string | null) => fetchChanges(options, authorization, after);
        // The first page checks the credential (a refusal reaches the client as a subscription error) and fixes the start.
        const after = typeof args.after === 'string' ? args.after : null;
        const first = await fetchPage(after);
        const start: ChangePage = after ? first : { nodes: [], endCursor: first.headCursor, hasNextPage: false, headCursor: first.headCursor };
        const stream = new AlertChangeStream(start, fetchPage, pollMs, () => streams.delete(stream));
        streams.add(stream);
        return stream;
      },
    },
    async close() {
      await Promise.all([...streams].map((stream) => stream.return()));
    },
  };
}

async function fetchChanges(options: AlertSubscriptionOptions, authorization: string | undefined, after: string | null): Promise<ChangePage> {
  const headers = options.callerHeaders(authorization);
  const data = await askService<{ alertChanges: ChangePage }>(options.analyticsBase(), 'analytics', { query: CHANGES_QUERY, variables: { after, first: 200 }, headers });
  return data.alertChanges;
}

/** One subscriber's changes: pages from analytics, asked again every `pollMs` while none is new. */
class AlertChangeStream implements AsyncIterableIterator<AlertChange> {
  private buffer: AlertChange[];
  private cursor: string | null;
  private closed = false;
  private wake: (() => void) | undefined;

  constructor(
    first: ChangePage,
    private readonly fetchPage: (after: string | null) => Promise<ChangePage>,
    private readonly pollMs: number,
    private readonly onClose: () => void,
  ) {
    this.buffer = [...first.nodes];
    this.cursor = first.endCursor ?? first.headCursor;
  }

  [Symbol.asyncIterator]() {
    return this;
  }

  async next(): Promise<IteratorResult<AlertChange>> {
    while (!this.closed) {
      const change = this.buffer.shift();
      if (change) return { value: change, done: false };
      let page: ChangePage;
      try {
        page = await this.fetchPage(this.cursor);
      } catch (error) {
        // A refused credential ends the stream; analytics restarting only delays it (the cursor holds the place).
        if (refused(error)) throw error;
        await this.pause();
        continue;
      }
      this.buffer.push(...page.nodes);
      this.cursor = page.endCursor ?? this.cursor;
      if (!page.nodes.length) await this.pause();
    }
    return { value: undefined, done: true };
  }

  async return(): Promise<IteratorResult<AlertChange>> {
    this.closed = true;
    this.wake?.();
    this.onClose();
    return { value: undefined, done: true };
  }

  private pause(): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, this.pollMs);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}

const REFUSALS = new Set(['UNAUTHENTICATED', 'FORBIDDEN', 'BAD_USER_INPUT']);
const refused = (error: unknown) => error instanceof GraphQLError && REFUSALS.has(String(error.extensions.code));
