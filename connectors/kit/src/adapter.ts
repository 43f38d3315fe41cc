import type { Channel, ReportInput } from '@huying/schema';
import type { SourceClient } from './sourceClient';

/** A legacy record turned into our report, plus what only its channel knows (shown on `Report`). */
export type Mapping =
  | { ok: true; report: ReportInput; native: Record<string, unknown> }
  | { ok: false; reason: string };

export interface SourcePage<Raw> {
  records: Raw[];
  /** The checkpoint after this page: handing it back continues right after the page's last record. */
  next: string;
  hasMore: boolean;
  /** How many records the query holds in all, when the source says (backfill progress). */
  total?: number;
}

/** A time range of history, for backfill. */
export interface TimeRange {
  from: Date;
  to: Date;
}

/** What one channel adds to the kit: how to page its source, and how to map its records. */
export interface ChannelAdapter<Raw = unknown> {
  channel: Channel;
  /** Pulls one page after `checkpoint` (null = from the beginning), within `range` when backfilling. */
  fetchPage(client: SourceClient, checkpoint: string | null, range?: TimeRange): Promise<SourcePage<Raw>>;
  /** The record's id in its system, when the record is sound enough to say it. */
  sourceIdOf(raw: Raw): string | null;
  map(raw: Raw): Mapping;
  /** Fields of a raw record that hold personal data (the caller's number, name): masked wherever a record is shown. */
  personalFields?: readonly string[];
}
