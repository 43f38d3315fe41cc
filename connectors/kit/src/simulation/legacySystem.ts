import type { Clock } from '@huying/runtime';
import { parseShanghaiLocalTime, type Channel } from '@huying/schema';
import { SimulatedFeed } from './feed';
import { serveSimulator, type RunningSimulator, type SimulatorAnswer, type SimulatorFaults } from './server';

/** What every simulated legacy system is started with; a channel adds its own (an encoding, a CRS). */
export interface LegacySystemOptions {
  clock: Clock;
  seed: number;
  start?: Date;
  meanIssueGapMs?: number;
  malformedEvery?: number;
  faults?: SimulatorFaults;
  port?: number;
}

/**
 * How busy a simulated city is and how far back its history reaches when the simulator starts. A long
 * history is a backlog: reports already past their deadlines before the hub could see them.
 */
export interface SimulatedPace {
  historyMs: number;
  meanIssueGapMs: number;
}

/** The start and pace a simulator is given for `pace` (none: the feed's own defaults, a day of backlog). */
export function pacedScenario(clock: Clock, pace: SimulatedPace | undefined): Pick<LegacySystemOptions, 'start' | 'meanIssueGapMs'> {
  return pace ? { start: new Date(clock.now().getTime() - pace.historyMs), meanIssueGapMs: pace.meanIssueGapMs } : {};
}

/** The one endpoint a legacy system serves, in its own words: its path, its not-found answer, its pages. */
export interface LegacyEndpoint {
  path: string;
  notFound: SimulatorAnswer;
  answer(url: URL, feed: SimulatedFeed): SimulatorAnswer;
}

export type RunningLegacySystem = RunningSimulator & { feed: SimulatedFeed };

/**
 * A simulated legacy system over HTTP: the channel's seeded feed (the same scenario in every channel,
 * so one issue shows in several), served at one endpoint with the city's usual faults.
 */
export async function serveLegacySystem(channel: Channel, options: LegacySystemOptions, endpoint: LegacyEndpoint): Promise<RunningLegacySystem> {
  const feed = new SimulatedFeed({
    seed: options.seed,
    channel,
    clock: options.clock,
    start: options.start,
    meanIssueGapMs: options.meanIssueGapMs,
    malformedEvery: options.malformedEvery,
  });
  const running = await serveSimulator((url) => (url.pathname === endpoint.path ? endpoint.answer(url, feed) : endpoint.notFound), {
    port: options.port,
    faults: options.faults,
  });
  return { ...running, feed };
}

/** A Beijing local time in the query: undefined when absent, null when it cannot be read. */
export function localTimeParam(url: URL, name: string): Date | null | undefined {
  const value = url.searchParams.get(name);
  return value ? parseShanghaiLocalTime(value) : undefined;
}
