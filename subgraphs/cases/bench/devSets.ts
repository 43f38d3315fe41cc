import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { takeReports } from '@huying/synthetic';

/**
 * The labelled development sets, read from the shared data folder (never copied into the repo).
 * Each report carries its gold issue key; how the labels were made is said at each loader.
 */
export interface LabelledReport {
  input: {
    channel: string;
    sourceId: string;
    receivedAt: string;
    title?: string | null;
    text: string;
    address?: string | null;
    location?: { lng: number; lat: number } | null;
    categoryHint?: string | null;
    contact?: string | null;
  };
  gold: string;
  /** Simulator only: what the issue was and where (topic, place). */
  truth?: { topicKey: string; placeName: string };
}

export const DATA_DIR = join(__dirname, '..', '..', '..', '..', 'shared', 'data');

function csv(path: string): Record<string, string>[] {
  return parse(readFileSync(join(DATA_DIR, path), 'utf8'), { columns: true, skip_empty_lines: true, relax_quotes: true }) as Record<string, string>[];
}

/** Union-find over report indexes, for gold groups built from several "same issue" rules. */
class Groups {
  private parent: number[];
  constructor(n: number) {
    this.parent = Array.from({ length: n }, (_, i) => i);
  }
  find(i: number): number {
    while (this.parent[i] !== i) i = this.parent[i] = this.parent[this.parent[i]!]!;
    return i;
  }
  join(a: number, b: number): void {
    this.parent[this.find(a)] = this.find(b);
  }
}

/**
 * Near-reposts: bodies whose character 4-gram sets overlap by Jaccard ≥ `threshold` (the same post
 * with a word changed, a greeting added, a different addressee). Whole-text shingles, places included —
 * not the filter's own signals (problem keywords with places taken out, named places, categories).
 */
function joinNearReposts(bodies: readonly string[], groups: Groups, threshold = 0.7): void {
  const shingles = bodies.map((body) => {
    const text = squash(body);
    const set = new Set<string>();
    for (let at = 0; at + 4 <= text.length; at++) set.add(text.slice(at, at + 4));
    return set;
  });
  const postings = new Map<string, number[]>();
  shingles.forEach((set, index) => {
    for (const gram of set) {
      const list = postings.get(gram);
      if (list) list.push(index);
      else postings.set(gram, [index]);
    }
  });
  shingles.forEach((set, index) => {
    if (set.size < 10) return;
    const shared = new Map<number, number>();
    for (const gram of set) {
      const list = postings.get(gram)!;
      if (list.length > 200) continue;
      for (const other of list) if (other < index) shared.set(other, (shared.get(other) ?? 0) + 1);
    }
    for (const [other, count] of shared) {
      const union = set.size + shingles[other]!.size - count;
      if (shingles[other]!.size >= 10 && count / union >= threshold) groups.join(index, other);
    }
  });
}

const squash = (text: string) => text.normalize('NFKC').replace(/[^\p{L}\p{N}]/gu, '');

function groupBy(keys: readonly (string | null)[], groups: Groups): void {
  const first = new Map<string, number>();
  keys.forEach((key, index) => {
    if (!key) return;
    const seen = first.get(key);
    if (seen === undefined) first.set(key, index);
    else groups.join(index, seen);
  });
}

/** Length of the longest run of characters two texts share (dynamic programming, one row at a time). */
export function longestSharedRun(a: string, b: string): number {
  let best = 0;
  let previous = new Uint16Array(b.length + 1);
  for (let i = 0; i < a.length; i++) {
    const current = new Uint16Array(b.length + 1);
    for (let j = 0; j < b.length; j++) {
      if (a[i] === b[j]) best = Math.max(best, (current[j + 1] = previous[j]! + 1));
    }
    previous = current;
  }
  return best;
}

/** A passage this long copied from one's own earlier post is a follow-up, not a new complaint. */
const FOLLOW_UP_SHARED_RUN = 16;
const FOLLOW_UP_DAYS = 30;

/**
 * The same poster's follow-ups: two posts by one user id within 30 days whose bodies share a copied
 * passage of ≥ 16 characters (punctuation and spaces ignored; first 600 characters). People who post
 * again about an unanswered complaint paste part of it and rewrite the rest ("多次投诉没回复：…").
 * Independent of the filter's signals: it uses the poster id and a verbatim passage, not keywords,
 * places, categories or the filter's thresholds.
 */
function joinFollowUps(rows: readonly Record<string, string>[], groups: Groups): void {
  const byPoster = new Map<string, number[]>();
  rows.forEach((row, index) => {
    if (!row.user_id) return;
    byPoster.set(row.user_id, [...(byPoster.get(row.user_id) ?? []), index]);
  });
  for (const posts of byPoster.values()) {
    for (let a = 0; a < posts.length; a++) {
      for (let b = a + 1; b < posts.length; b++) {
        const [x, y] = [rows[posts[a]!]!, rows[posts[b]!]!];
        const days = Math.abs(Date.parse(x.created_at!) - Date.parse(y.created_at!)) / 86_400_000;
        if (days > FOLLOW_UP_DAYS) continue;
        if (longestSharedRun(squash(x.body!).slice(0, 600), squash(y.body!).slice(0, 600)) >= FOLLOW_UP_SHARED_RUN) groups.join(posts[a]!, posts[b]!);
      }
    }
  }
}

/**
 * 泰迪杯 2020 message board (附件4 + the raw 附件2 sample + the 附件2 test set, ~6,100 posts, 2010–2020).
 * Gold: posts are one issue when they carry the same subject line (normalised), the same body, or a
 * near-identical body (4-gram Jaccard ≥ 0.7) — reposts by the same or another user, and the same post
 * handed in under two ids across the files — or when one is the same poster's follow-up of the other
 * (`joinFollowUps`: same user id, ≤ 30 days, a copied passage of ≥ 16 characters). Limits: two people
 * describing one problem in their own words are labelled different (they count against precision if
 * merged), and two posts with a generic identical subject may be labelled one issue.
 */
export function repostSet(): LabelledReport[] {
  const rows = [
    ...csv('tipdm2020c/attachment4_messages_with_replies.csv').map((row): Record<string, string> => ({ ...row, file: 'a4' })),
    ...csv('tipdm2020c/attachment2_sample_labelled.csv').map((row): Record<string, string> => ({ ...row, file: 'a2s' })),
    ...csv('tipdm2020c/attachment2_testset_unlabelled.csv').map((row): Record<string, string> => ({ ...row, file: 'a2t' })),
  ].filter((row) => row.body?.trim() && row.created_at);
  rows.sort((a, b) => a.created_at!.localeCompare(b.created_at!));
  const groups = new Groups(rows.length);
  groupBy(rows.map((row) => (squash(row.title ?? '').length >= 6 ? squash(row.title!) : null)), groups);
  groupBy(rows.map((row) => (squash(row.body ?? '').length >= 20 ? squash(row.body!) : null)), groups);
  joinNearReposts(rows.map((row) => row.body!), groups);
  joinFollowUps(rows, groups);
  return rows.map((row, index) => ({
    input: {
      channel: 'MESSAGE_BOARD',
      sourceId: `${row.file}-${row.message_id}`,
      receivedAt: `${row.created_at}+08:00`,
      title: row.title?.slice(0, 200) ?? null,
      text: row.body!.slice(0, 10_000),
      contact: row.user_id?.slice(0, 32) || null,
    },
    gold: `g${groups.find(index)}`,
  }));
}

/** Where the pairs the filter joined against the repost set's rules were read (`labels/README.md`). */
export const REPOSTS_READ = join(__dirname, 'labels', 'reposts-read.csv');

export interface ReadPair {
  post_a: string;
  post_b: string;
  verdict: 'same' | 'different' | 'uncertain';
}

export const readPairs = (): ReadPair[] => parse(readFileSync(REPOSTS_READ, 'utf8'), { columns: true, skip_empty_lines: true }) as ReadPair[];

/**
 * The repost set with the pairs that two readers found one issue by meaning (`labels/reposts-read.csv`)
 * joined: its rules call two people in their own words two issues, which is the very merge the filter is
 * for. Pairs read `different` or `uncertain` stay apart, and a pair never read counts as the rules say,
 * so a new wrong merge still costs precision. Applied to a part after the split, so parts keep their posts.
 */
export function withReadPairs(reports: readonly LabelledReport[], read: readonly ReadPair[] = readPairs()): LabelledReport[] {
  const goldOf = new Map(reports.map((report) => [report.input.sourceId, report.gold]));
  // one issue's golds point at the gold they were joined to
  const joinedTo = new Map<string, string>();
  const root = (gold: string): string => (joinedTo.has(gold) ? root(joinedTo.get(gold)!) : gold);
  for (const pair of read) {
    const [a, b] = [goldOf.get(pair.post_a), goldOf.get(pair.post_b)];
    if (pair.verdict !== 'same' || a === undefined || b === undefined) continue;
    const [x, y] = [root(a), root(b)];
    if (x !== y) joinedTo.set(x, y);
  }
  // joining whole issues must not join two posts the readers held apart: that would be a reading to redo
  for (const pair of read) {
    const [a, b] = [goldOf.get(pair.post_a), goldOf.get(pair.post_b)];
    if (pair.verdict === 'different' && a !== undefined && b !== undefined && root(a) === root(b)) {
      throw new Error(`labels/reposts-read.csv: ${pair.post_a} and ${pair.post_b} were read as two issues, but the pairs read as one join them`);
    }
  }
  return reports.map((report) => ({ ...report, gold: root(report.gold) }));
}

/** The four channels a labelled post is sent through, by a hash of its id (the posts carry no channel of their own). */
const CHANNELS = ['HOTLINE', 'MESSAGE_BOARD', 'URBAN_MANAGEMENT', 'GRID'] as const;

/** Where the labelled-by-meaning set's labels are (ids, issue ids, status and a note; never the posts). */
export const MEANING_LABELS = join(__dirname, 'labels', 'meaning.csv');

/**
 * Posts labelled by reading (`labels/README.md`): one issue = the same place and the same problem,
 * whoever wrote it, in any words. Message-board posts (附件4, the raw 附件2 sample and test set) and
 * Fuzhou 12345 river cases, sent as a city's channels would send them: title, text and the poster id as
 * contact, no address or coordinates, spread over the four channels. `uncertain` labels are left out.
 */
export function meaningSet(): LabelledReport[] {
  const posts = new Map<string, { title: string; body: string; at: string; poster: string | null }>();
  for (const [path, file] of [
    ['tipdm2020c/attachment4_messages_with_replies.csv', 'a4'],
    ['tipdm2020c/attachment2_sample_labelled.csv', 'a2s'],
    ['tipdm2020c/attachment2_testset_unlabelled.csv', 'a2t'],
  ] as const) {
    for (const row of csv(path)) posts.set(`${file}-${row.message_id}`, { title: row.title ?? '', body: row.body ?? '', at: `${row.created_at}+08:00`, poster: row.user_id || null });
  }
  for (const row of csv('fuzhou12345_water/fuzhou12345_water_complaints.csv')) {
    // Fuzhou's disclosure pages name no caller: the contact is unknown.
    posts.set(`fz-${row.record_id}`, { title: row.title ?? '', body: row.body ?? '', at: `${row.created_date!.slice(0, 10)}T12:00:00+08:00`, poster: null });
  }
  const labels = parse(readFileSync(MEANING_LABELS, 'utf8'), { columns: true, skip_empty_lines: true }) as { post_id: string; cluster: string; status: string }[];
  return labels
    .filter((label) => label.status === 'member')
    .map((label) => {
      const post = posts.get(label.post_id);
      if (!post) throw new Error(`labels/meaning.csv: no post ${label.post_id} in ../shared/data`);
      return {
        input: {
          channel: CHANNELS[fnv1a(label.post_id) % CHANNELS.length]!,
          sourceId: label.post_id,
          receivedAt: post.at,
          title: post.title.slice(0, 200) || null,
          text: post.body.slice(0, 10_000),
          contact: post.poster?.slice(0, 32) ?? null,
        },
        gold: label.cluster,
      };
    })
    .sort((a, b) => Date.parse(a.input.receivedAt) - Date.parse(b.input.receivedAt) || a.input.sourceId.localeCompare(b.input.sourceId));
}

/**
 * A gold pair that is not two people in their own words: one reporter again (same contact), or a repost
 * (the same letters, or bodies whose character 4-grams overlap by Jaccard ≥ 0.7).
 */
export function samePersonOrWording(a: LabelledReport['input'], b: LabelledReport['input']): boolean {
  if (a.contact && a.contact === b.contact) return true;
  const [x, y] = [fourGrams(a.text), fourGrams(b.text)];
  let shared = 0;
  for (const gram of x) if (y.has(gram)) shared += 1;
  const union = x.size + y.size - shared;
  return union === 0 || shared / union >= 0.7;
}

function fourGrams(text: string): Set<string> {
  const squashed = squash(text);
  const grams = new Set<string>();
  for (let at = 0; at + 4 <= squashed.length; at++) grams.add(squashed.slice(at, at + 4));
  if (!grams.size && squashed) grams.add(squashed);
  return grams;
}

export type SplitPart = 'development' | 'heldOut';

/**
 * Splits a labelled set into a development part (thresholds are tuned on it) and a held-out part
 * (only reported), whole issues at a time so no gold pair straddles the two: an issue goes by a hash
 * (FNV-1a) of its earliest report's source id — fixed, known before any tuning, blind to the text.
 * About a third of the issues are held out.
 */
export function splitPart(reports: readonly LabelledReport[], part: SplitPart): LabelledReport[] {
  const firstSource = new Map<string, string>();
  for (const report of reports) if (!firstSource.has(report.gold)) firstSource.set(report.gold, report.input.sourceId);
  const heldOut = (gold: string) => fnv1a(firstSource.get(gold)!) % 3 === 0;
  return reports.filter((report) => heldOut(report.gold) === (part === 'heldOut'));
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let at = 0; at < text.length; at++) hash = Math.imul(hash ^ text.charCodeAt(at), 0x01000193) >>> 0;
  return hash;
}

/**
 * Fuzhou 12345 water complaints (1,464 cases). Gold: identical bodies (40 groups) and near-identical
 * bodies (4-gram Jaccard ≥ 0.7) are one issue; everything else is its own issue — although several
 * cases about one river stretch may in truth be one issue, so measured precision here is a lower bound.
 */
export function fuzhouSet(): LabelledReport[] {
  const rows = csv('fuzhou12345_water/fuzhou12345_water_complaints.csv').filter((row) => row.body?.trim());
  rows.sort((a, b) => a.created_date!.localeCompare(b.created_date!));
  const groups = new Groups(rows.length);
  groupBy(rows.map((row) => squash(row.body!)), groups);
  joinNearReposts(rows.map((row) => row.body!), groups);
  return rows.map((row, index) => ({
    input: {
      channel: row.channel === '电话' ? 'HOTLINE' : 'MESSAGE_BOARD',
      sourceId: `fz-${row.record_id}`,
      receivedAt: `${row.created_date!.slice(0, 10)}T12:00:00+08:00`,
      title: row.title?.slice(0, 200) || null,
      text: row.body!.slice(0, 10_000),
    },
    gold: `g${groups.find(index)}`,
  }));
}

export interface ChicagoRow {
  sr: string;
  parent: string | null;
  type: string;
  lat: number;
  lng: number;
}

/**
 * Chicago 311 (1.5 days, Jan 2021): type + place + time only. Information-only calls and O'Hare
 * aircraft noise are left out (all geocoded to one point). Gold: a request flagged duplicate belongs
 * with its parent (when the parent is in the slice).
 */
export function chicagoSet(): { reports: LabelledReport[]; rows: ChicagoRow[] } {
  const rows = csv('chicago311_sample/chicago_311_2021-01-01_5000rows.csv').filter(
    (row) => row.sr_type !== '311 INFORMATION ONLY CALL' && row.sr_type !== 'Aircraft Noise Complaint' && row.latitude && row.longitude,
  );
  rows.sort((a, b) => a.created_date!.localeCompare(b.created_date!));
  const index = new Map(rows.map((row, i) => [row.sr_number!, i]));
  const groups = new Groups(rows.length);
  rows.forEach((row, i) => {
    const parent = row.parent_sr_number ? index.get(row.parent_sr_number) : undefined;
    if (parent !== undefined) groups.join(i, parent);
  });
  return {
    rows: rows.map((row) => ({
      sr: row.sr_number!,
      parent: row.parent_sr_number && index.has(row.parent_sr_number) ? row.parent_sr_number : null,
      type: row.sr_type!,
      lat: Number(row.latitude),
      lng: Number(row.longitude),
    })),
    reports: rows.map((row, i) => ({
      input: {
        channel: 'HOTLINE',
        sourceId: row.sr_number!,
        // Chicago local time in January is UTC-6.
        receivedAt: `${row.created_date!.slice(0, 19)}-06:00`,
        text: row.sr_type!,
        categoryHint: row.sr_type!,
        address: row.street_address || null,
        location: { lat: Number(row.latitude), lng: Number(row.longitude) },
      },
      gold: `g${groups.find(i)}`,
    })),
  };
}

/**
 * The simulator's scenario: the gold is known by construction (`issueKey`). `meanIssueGapMs` sets how
 * many issues start per day in its 22 places (default one every 10 minutes: 144 a day).
 */
export function syntheticSet(count: number, seed = 20261121, meanIssueGapMs?: number): LabelledReport[] {
  return takeReports({ seed, start: new Date('2026-01-05T00:00:00Z'), meanIssueGapMs }, count).map((report) => ({
    input: {
      channel: report.channel,
      sourceId: `syn-${seed}-${report.seq}`,
      receivedAt: report.reportedAt.toISOString(),
      title: report.title,
      text: report.text,
      address: report.address,
      // Inspectors and grid workers carry GPS; callers and posters give an address only.
      location: report.channel === 'URBAN_MANAGEMENT' || report.channel === 'GRID' ? report.location : null,
      contact: report.contact,
    },
    gold: report.issueKey,
    truth: { topicKey: report.topicKey, placeName: report.placeName },
  }));
}
