import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What a simulated legacy endpoint answers. */
export interface SimulatorAnswer {
  status?: number;
  contentType: string;
  body: string | Buffer;
}

/** Periodic trouble the way real systems have it: every n-th request throttled or failing. */
export interface SimulatorFaults {
  every429?: number;
  every500?: number;
  /** `Retry-After` sent with a 429, in seconds (default 1). */
  retryAfterSeconds?: number;
}

/** Switches for tests and drills: fail the next requests, or go down until told otherwise. */
export class FaultSwitch {
  requests = 0;
  failures = 0;
  private queued: { status: number; retryAfterSeconds?: number }[] = [];
  private outage: number | null = null;

  constructor(readonly periodic: SimulatorFaults = {}) {}

  failNext(status: number, count = 1, retryAfterSeconds?: number): void {
    for (let index = 0; index < count; index++) this.queued.push({ status, retryAfterSeconds });
  }

  /** Every request fails with `status` until `up()`. */
  down(status = 500): void {
    this.outage = status;
  }

  up(): void {
    this.outage = null;
  }

  /** Decides the fault for the next request, if any. */
  next(): { status: number; retryAfterSeconds?: number } | null {
    this.requests++;
    const fault = this.pick();
    if (fault) this.failures++;
    return fault;
  }

  private pick(): { status: number; retryAfterSeconds?: number } | null {
    if (this.outage !== null) return { status: this.outage };
    const queued = this.queued.shift();
    if (queued) return queued;
    const { every429, every500, retryAfterSeconds = 1 } = this.periodic;
    if (every429 && this.requests % every429 === 0) return { status: 429, retryAfterSeconds };
    if (every500 && this.requests % every500 === 0) return { status: 500 };
    return null;
  }
}

export interface RunningSimulator {
  /** Base URL, e.g. `http://127.0.0.1:43121`. */
  url: string;
  faults: FaultSwitch;
  close(): Promise<void>;
}

/** A real HTTP server for one simulated legacy system. */
export async function serveSimulator(
  handle: (url: URL) => SimulatorAnswer,
  options: { port?: number; host?: string; faults?: SimulatorFaults } = {},
): Promise<RunningSimulator> {
  const faults = new FaultSwitch(options.faults);
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const fault = faults.next();
    if (fault) {
      if (fault.retryAfterSeconds !== undefined) response.setHeader('Retry-After', String(fault.retryAfterSeconds));
      response.writeHead(fault.status, { 'content-type': 'text/plain; charset=utf-8' }).end(fault.status === 429 ? 'Too Many Requests' : 'Internal Server Error');
      return;
    }
    try {
      const answer = handle(new URL(request.url ?? '/', 'http://simulator'));
      response.writeHead(answer.status ?? 200, { 'content-type': answer.contentType }).end(answer.body);
    } catch (error) {
      response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end(String((error as Error).message));
    }
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    faults,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
    },
  };
}
