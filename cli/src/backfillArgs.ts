import { parseArgs } from 'node:util';
import { CONNECTED_CHANNELS, parseShanghaiLocalTime, type ConnectedChannel } from '@huying/schema';
import type { TimeRange } from '@huying/connector-kit';

export interface BackfillRequest {
  channel: ConnectedChannel;
  range: TimeRange;
  sourceUrl?: string;
  pageSize?: number;
  json: boolean;
}

export const BACKFILL_USAGE = `usage: huying backfill --channel <${CONNECTED_CHANNELS.join('|')}> --from <date> --to <date> [--source <url>] [--page-size <n>] [--json]

  --from, --to   Beijing dates (2026-11-01: the whole day, --to included) or times (2026-11-01 08:00,
                 2026-11-01T00:00:00Z)
  --source       the legacy system's URL; default HUYING_<CHANNEL>_URL, else a simulator of it started here
  --json         print the summary as JSON`;

const DAY_MS = 24 * 3600_000;

/** Reads `backfill` arguments; throws a RangeError saying what is wrong. */
export function parseBackfillArgs(args: readonly string[]): BackfillRequest {
  const { values } = parseArgs({
    args: [...args],
    options: {
      channel: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      source: { type: 'string' },
      'page-size': { type: 'string' },
      json: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const channel = values.channel?.toUpperCase().replaceAll('-', '_');
  if (!channel || !(CONNECTED_CHANNELS as readonly string[]).includes(channel)) throw new RangeError(`--channel must be one of ${CONNECTED_CHANNELS.join(', ')}`);
  const from = timeOf(values.from, '--from', false);
  const to = timeOf(values.to, '--to', true);
  if (!(from < to)) throw new RangeError('--from must be before --to');
  const pageSize = values['page-size'] === undefined ? undefined : Number(values['page-size']);
  if (pageSize !== undefined && !(Number.isInteger(pageSize) && pageSize >= 1 && pageSize <= 500)) throw new RangeError('--page-size must be 1..500');
  return { channel: channel as ConnectedChannel, range: { from, to }, sourceUrl: values.source, pageSize, json: values.json ?? false };
}

/** A bare date is a whole Beijing day: `--to 2026-11-15` runs to the end of the 15th. */
function timeOf(value: string | undefined, flag: string, endOfDay: boolean): Date {
  if (!value) throw new RangeError(`${flag} is required`);
  const local = parseShanghaiLocalTime(value);
  if (local) return /^\d{4}-\d{1,2}-\d{1,2}$/.test(value.trim()) && endOfDay ? new Date(local.getTime() + DAY_MS) : local;
  const zoned = /[zZ]|[+-]\d{2}:?\d{2}$/.test(value) ? new Date(value) : null;
  if (zoned && !Number.isNaN(zoned.getTime())) return zoned;
  throw new RangeError(`${flag} "${value}" is not a date (2026-11-01) or a time (2026-11-01 08:00)`);
}
