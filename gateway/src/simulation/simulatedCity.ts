import type { Clock, Logger } from '@huying/runtime';
import { citizenAnswer, departmentStep } from './cityBehaviour';

/** Asks the graph as a client does: the gateway's URL and a bearer token. */
export type GraphClient = <T>(query: string, variables: Record<string, unknown>, token: string) => Promise<T>;

export interface CityTick {
  signed: number;
  resolved: number;
  escalated: number;
  evaluated: number;
  /** Steps the graph refused (the assignment moved on meanwhile: merged, reassigned); tried again next tick if still due. */
  refused: number;
}

export interface CityCredentials {
  /** Issues each department system its key (an ADMIN token). */
  admin: string;
  /** Answers the 回访 (a CALLBACK token): records what each citizen says. */
  callback: string;
}

const OPEN_STATES = ['DISPATCHED', 'SIGNED', 'IN_PROGRESS'] as const;

/**
 * The departments and citizens of the embedded hub, acting through the graph as real ones would: each
 * department system with its own key signs, resolves or escalates its assignments; a 回访 agent records
 * how each citizen rates the handling. `tick` does what is due now; the hub schedules it.
 */
export class SimulatedCity {
  private keys: Map<string, string> | null = null;

  constructor(
    private readonly ask: GraphClient,
    private readonly credentials: CityCredentials,
    private readonly clock: Clock,
  ) {}

  async tick(): Promise<CityTick> {
    const done: CityTick = { signed: 0, resolved: 0, escalated: 0, evaluated: 0, refused: 0 };
    for (const key of (await this.departmentKeys()).values()) {
      // One page of its newest work per department and tick: what is still open is what it acts on.
      const page = await this.ask<{ myAssignments: { nodes: { id: string; state: string; dispatchedAt: string }[] } }>(
        '{ myAssignments(first: 100) { nodes { id state dispatchedAt } } }',
        {},
        key,
      );
      for (const assignment of page.myAssignments.nodes.filter((node) => (OPEN_STATES as readonly string[]).includes(node.state))) {
        await this.handle(key, { ...assignment, dispatchedAt: new Date(assignment.dispatchedAt) }, done).catch(() => (done.refused += 1));
      }
    }
    const pending = await this.ask<{ pendingCallbacks: { round: number; dueSince: string; case: { id: string }; report: { id: string } }[] }>(
      '{ pendingCallbacks(first: 200) { round dueSince case { id } report { id } } }',
      {},
      this.credentials.callback,
    );
    for (const callback of pending.pendingCallbacks) {
      const ratings = citizenAnswer({ reportId: callback.report.id, round: callback.round, dueSince: new Date(callback.dueSince) }, this.clock.now());
      if (!ratings) continue;
      await this.ask('mutation ($c: ID!, $r: ID!, $ratings: RatingsInput!) { evaluateCase(caseId: $c, reportId: $r, ratings: $ratings) { id } }', {
        c: callback.case.id,
        r: callback.report.id,
        ratings,
      }, this.credentials.callback).then(() => (done.evaluated += 1), () => (done.refused += 1));
    }
    return done;
  }

  private async handle(key: string, assignment: { id: string; state: string; dispatchedAt: Date }, done: CityTick): Promise<void> {
    const step = departmentStep(assignment, this.clock.now());
    if (step === 'SIGN') {
      await this.ask('mutation ($id: ID!) { signAssignment(id: $id) { id } }', { id: assignment.id }, key);
      done.signed += 1;
    } else if (step === 'RESOLVE') {
      await this.ask('mutation ($id: ID!) { resolveAssignment(id: $id, result: "已现场处置完毕，经复查问题已解决") { id } }', { id: assignment.id }, key);
      done.resolved += 1;
    } else if (step === 'ESCALATE') {
      await this.ask('mutation ($id: ID!) { escalateAssignment(id: $id, reason: "超出本单位职权，请求上级协调") { id } }', { id: assignment.id }, key);
      done.escalated += 1;
    }
  }

  /** Each department's key, issued once (only their hashes are kept, as for any department system). */
  private async departmentKeys(): Promise<Map<string, string>> {
    if (this.keys) return this.keys;
    const { departments } = await this.ask<{ departments: { id: string }[] }>('{ departments { id } }', {}, this.credentials.admin);
    const keys = new Map<string, string>();
    for (const { id } of departments) {
      const issued = await this.ask<{ issueDepartmentKey: { key: string } }>('mutation ($id: ID!) { issueDepartmentKey(departmentId: $id) { key } }', { id }, this.credentials.admin);
      keys.set(id, issued.issueDepartmentKey.key);
    }
    return (this.keys = keys);
  }
}

/** A GraphClient over HTTP to the gateway; a GraphQL error becomes a thrown Error naming it. */
export function httpGraphClient(url: () => string): GraphClient {
  return async <T>(query: string, variables: Record<string, unknown>, token: string) => {
    const response = await fetch(url(), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(30_000),
    });
    const body = (await response.json()) as { data?: T; errors?: { message: string }[] };
    if (body.errors?.length || !body.data) throw new Error(`the graph refused the simulated city: ${body.errors?.[0]?.message ?? response.status}`);
    return body.data;
  };
}

/** Runs a tick every `everyMs` (never two at once) until stopped; a failed tick is logged and the next one tries again. */
export function scheduleCity(city: SimulatedCity, everyMs: number, log: Logger): { stop(): Promise<void> } {
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const timer = setInterval(() => {
    running = running.then(async () => {
      if (stopped) return;
      try {
        const tick = await city.tick();
        if (Object.values(tick).some(Boolean)) log.debug(tick, 'the simulated city acted');
      } catch (error) {
        log.warn({ err: error }, 'the simulated city could not act; it tries again');
      }
    });
  }, everyMs);
  return {
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
