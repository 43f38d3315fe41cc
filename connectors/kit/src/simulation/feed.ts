import type { Clock } from '@huying/runtime';
import type { Channel } from '@huying/schema';
import { streamReports, type ScenarioOptions, type SyntheticReport } from '@huying/synthetic';

/** One version of one record as the legacy system shows it: version 1 when made, 2 once answered. */
export interface FeedEntry {
  record: SyntheticReport;
  /** The record's number in this system, from 1 (its ticket/post/case number derives from it). */
  recordNo: number;
  version: number;
  /** When this version appeared (the record's modification time). */
  at: Date;
  /** The system holds this record broken (a bad time, a missing field): deterministic from the seed. */
  malformed: boolean;
}

/** A run of the log: its length, and pages of it by position within the run. */
export interface FeedRange {
  readonly length: number;
  slice(start: number, end: number): FeedEntry[];
}

export interface SimulatedFeedOptions {
  seed: number;
  channel: Channel;
  clock: Clock;
  /** When the system's history begins (default: a day before the clock's now, so there is a backlog). */
  start?: Date;
  meanIssueGapMs?: number;
  /** Every n-th record is malformed (default 25; 0 = never). */
  malformedEvery?: number;
}

/**
 * The records one legacy system holds, appearing as its clock moves on: new records keep arriving and
 * answered records come back as a new version. The log is append-only in time order, so a page or cursor
 * over it never shifts. Every channel reads the same seeded scenario, so one issue shows in several.
 */
export class SimulatedFeed {
  readonly channel: Channel;
  private readonly clock: Clock;
  private readonly stream: Generator<SyntheticReport>;
  private readonly malformedEvery: number;
  private lookahead: SyntheticReport | null = null;
  private readonly followUps: FeedEntry[] = [];
  private readonly log: FeedEntry[] = [];
  /** Each record's newest version in the log. */
  private readonly newestVersion = new Map<number, number>();
  private recordCount = 0;

  constructor(options: SimulatedFeedOptions) {
    this.channel = options.channel;
    this.clock = options.clock;
    this.malformedEvery = options.malformedEvery ?? 25;
    const start = options.start ?? new Date(options.clock.now().getTime() - 24 * 3600_000);
    const scenario: ScenarioOptions = { seed: options.seed, start, meanIssueGapMs: options.meanIssueGapMs };
    this.stream = streamReports(scenario);
  }

  /** Every version visible now, oldest first. */
  entries(): readonly FeedEntry[] {
    this.advance(this.clock.now().getTime());
    return this.log;
  }

  /**
   * The versions that appeared in [from, to), either end open when not given: a range of the log found by
   * bisection, so a page of a long history costs the page, not the history.
   */
  within(from?: Date, to?: Date): FeedRange {
    const log = this.entries();
    const first = from ? this.firstAtOrAfter(from.getTime()) : 0;
    const end = Math.max(first, to ? this.firstAtOrAfter(to.getTime()) : log.length);
    return { length: end - first, slice: (start, stop) => log.slice(Math.min(end, first + start), Math.min(end, first + stop)) };
  }

  /** The latest version of each record visible now whose time is at or after `from`, in the log's order (by time). */
  *latestFrom(from: Date): Generator<FeedEntry> {
    const log = this.entries();
    for (let index = this.firstAtOrAfter(from.getTime()); index < log.length; index++) {
      const entry = log[index]!;
      if (this.newestVersion.get(entry.recordNo) === entry.version) yield entry;
    }
  }

  /** The latest version of each record visible now, ordered by modification time then number. */
  latestVersions(): FeedEntry[] {
    return [...this.latestFrom(new Date(0))].sort((a, b) => a.at.getTime() - b.at.getTime() || a.recordNo - b.recordNo);
  }

  /** The log's first position whose time is at or after `time` (its length when none): the log is in time order. */
  private firstAtOrAfter(time: number): number {
    let low = 0;
    let high = this.log.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.log[middle]!.at.getTime() < time) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  private advance(now: number): void {
    for (;;) {
      const report = this.peek();
      const followUp = this.followUps[0];
      if (followUp && followUp.at.getTime() <= report.reportedAt.getTime()) {
        if (followUp.at.getTime() > now) return;
        this.append(this.followUps.shift()!);
        continue;
      }
      if (report.reportedAt.getTime() > now) return;
      this.lookahead = null;
      const recordNo = ++this.recordCount;
      const entry: FeedEntry = { record: report, recordNo, version: 1, at: report.reportedAt, malformed: this.malformedEvery > 0 && recordNo % this.malformedEvery === 0 };
      this.append(entry);
      if (report.followUp) this.scheduleFollowUp({ ...entry, version: 2, at: report.followUp.at });
    }
  }

  private append(entry: FeedEntry): void {
    this.log.push(entry);
    this.newestVersion.set(entry.recordNo, Math.max(entry.version, this.newestVersion.get(entry.recordNo) ?? 0));
  }

  private peek(): SyntheticReport {
    while (!this.lookahead) {
      const next = this.stream.next().value as SyntheticReport;
      if (next.channel === this.channel) this.lookahead = next;
    }
    return this.lookahead;
  }

  private scheduleFollowUp(entry: FeedEntry): void {
    const index = this.followUps.findIndex((other) => other.at.getTime() > entry.at.getTime());
    this.followUps.splice(index === -1 ? this.followUps.length : index, 0, entry);
  }
}
