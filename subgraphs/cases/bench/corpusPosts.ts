import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { DATA_DIR } from './devSets';

/**
 * Every complaint text in ../shared/data that a Chinese channel's history would hold (title and body):
 * the 泰迪杯 message board (附件4, the raw 附件2 sample and test set) and Fuzhou's 12345 and 领导留言板.
 * Term frequencies are counted over them (no labels are read).
 */
export function* corpusPosts(): Generator<string> {
  const files: [string, string, string][] = [
    ['tipdm2020c/attachment4_messages_with_replies.csv', 'title', 'body'],
    ['tipdm2020c/attachment2_sample_labelled.csv', 'title', 'body'],
    ['tipdm2020c/attachment2_testset_unlabelled.csv', 'title', 'body'],
    ['fuzhou12345_water/fuzhou12345_water_complaints.csv', 'title', 'body'],
    ['fuzhou12345_water/renmin_leader_board_fuzhou_sample.csv', 'subject', 'content'],
  ];
  for (const [path, title, body] of files) {
    const rows = parse(readFileSync(join(DATA_DIR, path), 'utf8'), { columns: true, skip_empty_lines: true, relax_quotes: true }) as Record<string, string>[];
    for (const row of rows) if (row[body]?.trim()) yield `${row[title] ?? ''}\n${row[body]}`;
  }
}
