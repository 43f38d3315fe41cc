import type { Sql } from '@huying/runtime';
import type { CaseStatus, Channel, GeoPoint } from '@huying/schema';
import type { ReportFiling } from './dedup';
import { pointOf, type CaseRecord, type CategorySource, type ReportFields, type ReportRecord } from './model';
import { decisionInsert, type NewDecision } from './mergeStore';

/** SQL for the cases schema: rows in, records out. Knows nothing of GraphQL or of dedup rules. */

interface CaseRow {
  id: string;
  title: string;
  status: CaseStatus;
  category_code: string | null;
  category_source: CategorySource | null;
  category_confidence: number | null;
  lng: number | null;
  lat: number | null;
  address: string | null;
  created_at: Date;
  updated_at: Date;
  merged_into: string | null;
}

interface ReportRow {
  id: string;
  case_id: string;
  channel: Channel;
  source_id: string;
  received_at: Date;
  title: string | null;
  text: string;
  address: string | null;
  lng: number | null;
  lat: number | null;
  category_hint: string | null;
  contact_hash: string | null;
  contact_masked: string | null;
  intake_mode: ReportRecord['intakeMode'];
  revision: number;
}

const CASE_COLUMNS = 'id, title, status, category_code, category_source, category_confidence, lng, lat, address, created_at, updated_at, merged_into';
const REPORT_COLUMNS =
  'id, case_id, channel, source_id, received_at, title, text, address, lng, lat, category_hint, contact_hash, contact_masked, intake_mode, revision';


export function toCase(row: CaseRow): CaseRecord {
  return {
    id: row.id,
    title: row.title,
    status: row.status,
    categoryCode: row.category_code,
    categorySource: row.category_source,
    categoryConfidence: row.category_confidence === null ? null : Number(row.category_confidence),
    location: pointOf(row),
    address: row.address,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
    mergedInto: row.merged_into,
  };
}

export function toReport(row: ReportRow): ReportRecord {
  return {
    id: row.id,
    caseId: row.case_id,
    channel: row.channel,
    sourceId: row.source_id,
    receivedAt: new Date(row.received_at),
    title: row.title,
    text: row.text,
    address: row.address,
    location: pointOf(row),
    categoryHint: row.category_hint,
    contactHash: row.contact_hash,
    contactMasked: row.contact_masked,
    intakeMode: row.intake_mode,
    revision: row.revision,
  };
}

export async function casesByIds(sql: Sql, ids: readonly string[]): Promise<Map<string, CaseRecord>> {
  const rows = await sql.query<CaseRow>(`SELECT ${CASE_COLUMNS} FROM cases.case WHERE id = ANY($1::uuid[])`, [
    ids.filter(isUuid),
  ]);
  return new Map(rows.map((row) => [row.id, toCase(row)]));
}

export async function reportsByIds(sql: Sql, ids: readonly string[]): Promise<Map<string, ReportRecord>> {
  const rows = await sql.query<ReportRow>(`SELECT ${REPORT_COLUMNS} FROM cases.report WHERE id = ANY($1::uuid[])`, [
    ids.filter(isUuid),
  ]);
  return new Map(rows.map((row) => [row.id, toReport(row)]));
}

/** Keys are `${channel}:${sourceId}`. */
export async function reportsBySource(
  sql: Sql,
  keys: readonly { channel: Channel; sourceId: string }[],
): Promise<Map<string, ReportRecord>> {
  const rows = await sql.query<ReportRow>(
    `SELECT ${REPORT_COLUMNS} FROM cases.report r
      JOIN unnest($1::text[], $2::text[]) AS k(channel, source_id) USING (channel, source_id)`,
    [keys.map((key) => key.channel), keys.map((key) => key.sourceId)],
  );
  return new Map(rows.map((row) => [`${row.channel}:${row.source_id}`, toReport(row)]));
}

export async function reportsByCaseIds(sql: Sql, caseIds: readonly string[]): Promise<Map<string, ReportRecord[]>> {
  const rows = await sql.query<ReportRow>(
    `SELECT ${REPORT_COLUMNS} FROM cases.report WHERE case_id = ANY($1::uuid[]) ORDER BY received_at, id`,
    [caseIds.filter(isUuid)],
  );
  const byCase = new Map<string, ReportRecord[]>();
  for (const row of rows) {
    const list = byCase.get(row.case_id) ?? [];
    list.push(toReport(row));
    byCase.set(row.case_id, list);
  }
  return byCase;
}

export type NewCase = Omit<CaseRecord, 'id' | 'updatedAt' | 'mergedInto'>;

/** A new case with its id chosen beforehand, so that its first report's row can name it in the same statement. */
export type OpeningCase = NewCase & { id: string };

const CASE_INSERT_COLUMNS = 'title, status, category_code, category_source, category_confidence, lng, lat, address, created_at, updated_at';

/** What a new case's row says, in the order of CASE_INSERT_COLUMNS up to created_at (updated_at is `now`). */
function caseContent(record: NewCase): unknown[] {
  return [
    record.title,
    record.status,
    record.categoryCode,
    record.categorySource,
    record.categoryConfidence,
    record.location?.lng ?? null,
    record.location?.lat ?? null,
    record.address,
    record.createdAt,
  ];
}

export async function insertCase(sql: Sql, record: OpeningCase, now: Date): Promise<CaseRecord> {
  const rows = await sql.query<CaseRow>(
    `INSERT INTO cases.case (id, ${CASE_INSERT_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING ${CASE_COLUMNS}`,
    [record.id, ...caseContent(record), now],
  );
  return toCase(rows[0]!);
}

/** What a channel says about a report, in the column order insert and update share (received_at … intake_mode). */
function reportContent(report: ReportFields): unknown[] {
  return [
    report.receivedAt,
    report.title,
    report.text,
    report.address,
    report.location?.lng ?? null,
    report.location?.lat ?? null,
    report.categoryHint,
    report.contactHash,
    report.contactMasked,
    report.contactSealed,
    report.intakeMode,
  ];
}

const REPORT_INSERT_COLUMNS = `case_id, channel, source_id, received_at, title, text, address, lng, lat,
                               category_hint, contact_hash, contact_masked, contact_sealed, intake_mode, created_at, updated_at`;
const REPORT_INSERT_VALUES = '$1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15';
const INSERT_REPORT = `INSERT INTO cases.report (${REPORT_INSERT_COLUMNS}) VALUES (${REPORT_INSERT_VALUES}) RETURNING ${REPORT_COLUMNS}`;

/** What intake writes in a new report's own INSERT: each statement is a round trip, the filter's main cost. */
export interface ReportCompanions {
  /** The duplicate filter's filing of the report: its profile and keys, kept in its row, and its leads. */
  filing?: ReportFiling;
  /** The filter's decision about the report, kept with its evidence (its report is the new one). */
  decision?: Omit<NewDecision, 'reportId'>;
  /** The report's case, touched or written by the same statement and returned. */
  reportCase?: ReportCase;
}

/** A case the report joins (its clock is touched), or the one it opens (its id is the report's case id). */
export type ReportCase = { joins: true } | { opens: OpeningCase };

/**
 * Stores a new report with its companions in one statement. The companions' rows reference the report, and
 * the report the case it opens: foreign keys are checked at the statement's end, when every row is in.
 * `case` is the report's case when `reportCase` asked for it.
 */
export async function insertReport(
  sql: Sql,
  report: ReportFields,
  now: Date,
  companions: ReportCompanions = {},
): Promise<{ report: ReportRecord; case: CaseRecord | null }> {
  const params: unknown[] = [report.caseId, report.channel, report.sourceId, ...reportContent(report), now];
  const steps: string[] = [];
  const param = (value: unknown) => `$${params.push(value)}`;
  const { reportCase } = companions;
  const joins = reportCase !== undefined && 'joins' in reportCase;
  if (joins) {
    steps.push(`the_case AS (UPDATE cases.case SET updated_at = $15 WHERE id = $1 RETURNING ${CASE_COLUMNS})`);
  } else if (reportCase) {
    const content = caseContent(reportCase.opens).map(param).join(', ');
    steps.push(`the_case AS (INSERT INTO cases.case (id, ${CASE_INSERT_COLUMNS}) VALUES ($1, ${content}, $15) RETURNING ${CASE_COLUMNS})`);
  }
  let reportInsert = INSERT_REPORT;
  if (companions.filing) {
    const profile = param(JSON.stringify(companions.filing.profile));
    const keys = param(companions.filing.keys);
    // The profile and keys ride in the report's row (a new report is at revision 1, the column's default):
    // a case that closes withdraws the keys, one that reopens files them again.
    reportInsert = `INSERT INTO cases.report (${REPORT_INSERT_COLUMNS}, match_profile, match_revision, match_keys, match_keys_at)
      VALUES (${REPORT_INSERT_VALUES}, ${profile}, 1, ${keys}::text[], $4) RETURNING ${REPORT_COLUMNS}`;
    // A repeat may join a case closed days ago: its report leads only once the case reopens.
    const leads = joins ? ', the_case WHERE cases.is_open(the_case.status)' : '';
    // A lead is filed under its key's hash (why: migration 008).
    steps.push(
      `keys AS (INSERT INTO cases.match_key (key, report_id, at)
                SELECT cases.lead_key(k.key), report.id, report.received_at FROM report, unnest(${keys}::text[]) AS k(key)${leads})`,
    );
  }
  if (companions.decision) {
    const insert = decisionInsert({ ...companions.decision, reportId: null }, params.length + 1, 'report');
    params.push(...insert.params);
    steps.push(`decision AS (${insert.sql})`);
  }
  if (!steps.length) {
    const rows = await sql.query<ReportRow>(INSERT_REPORT, params);
    return { report: toReport(rows[0]!), case: null };
  }
  const theCase = reportCase ? ', (SELECT row_to_json(the_case) FROM the_case) AS the_case' : '';
  const rows = await sql.query<ReportRow & { the_case?: CaseRow }>(
    `WITH report AS (${reportInsert}), ${steps.join(', ')} SELECT report.*${theCase} FROM report`,
    params,
  );
  const row = rows[0]!;
  return { report: toReport(row), case: row.the_case ? toCase(row.the_case) : null };
}

/** The channel sent the record again (a status change, a reply): its content changes, its case does not. */
export async function updateReport(sql: Sql, id: string, report: ReportFields, now: Date): Promise<ReportRecord> {
  const rows = await sql.query<ReportRow>(
    `UPDATE cases.report SET received_at = $2, title = $3, text = $4, address = $5, lng = $6, lat = $7,
            category_hint = $8, contact_hash = $9, contact_masked = $10, contact_sealed = $11, intake_mode = $12,
            revision = revision + 1, updated_at = $13
      WHERE id = $1 RETURNING ${REPORT_COLUMNS}`,
    [id, ...reportContent(report), now],
  );
  return toReport(rows[0]!);
}

/** The sealed numbers of reports (the 回访 field's; nothing else reads the column). */
export async function sealedContactsByReportIds(sql: Sql, ids: readonly string[]): Promise<Map<string, string | null>> {
  const rows = await sql.query<{ id: string; contact_sealed: string | null }>('SELECT id, contact_sealed FROM cases.report WHERE id = ANY($1::uuid[])', [ids]);
  return new Map(rows.map((row) => [row.id, row.contact_sealed]));
}

/** Who read a reporter's number in clear, and when (PIPL: every access to personal data is accountable). */
export async function recordContactRead(sql: Sql, reportId: string, readBy: string, at: Date): Promise<void> {
  await sql.query('INSERT INTO cases.contact_read (report_id, read_by, read_at) VALUES ($1, $2, $3)', [reportId, readBy, at]);
}

/** An operator's category for a case: kept on the case, and as a correction for the classifier's next refit. */
export async function correctCaseCategory(
  sql: Sql,
  correction: { caseId: string; fromCode: string | null; toCode: string; by: string; reason: string | null },
  now: Date,
): Promise<CaseRecord> {
  const rows = await sql.query<CaseRow>(
    `UPDATE cases.case SET category_code = $2, category_source = 'OPERATOR', category_confidence = 1, updated_at = $3
      WHERE id = $1 RETURNING ${CASE_COLUMNS}`,
    [correction.caseId, correction.toCode, now],
  );
  await sql.query(
    'INSERT INTO cases.category_correction (case_id, from_code, to_code, corrected_by, reason, corrected_at) VALUES ($1, $2, $3, $4, $5, $6)',
    [correction.caseId, correction.fromCode, correction.toCode, correction.by, correction.reason, now],
  );
  return toCase(rows[0]!);
}

/** Every case's latest corrected category with the words of its reports: what a refit of the classifier learns from. */
export async function correctedCases(sql: Sql): Promise<{ caseId: string; code: string; text: string }[]> {
  const rows = await sql.query<{ case_id: string; to_code: string; text: string }>(
    `SELECT latest.case_id, latest.to_code,
            (SELECT string_agg(concat_ws(' ', r.title, r.text), E'\n' ORDER BY r.received_at) FROM cases.report r WHERE r.case_id = latest.case_id) AS text
       FROM (SELECT DISTINCT ON (case_id) case_id, to_code FROM cases.category_correction ORDER BY case_id, corrected_at DESC, id DESC) latest`,
  );
  return rows.filter((row) => row.text).map((row) => ({ caseId: row.case_id, code: row.to_code, text: row.text }));
}

/** Marks a case as changed now (a report joined or changed), and returns it. */
export async function touchCase(sql: Sql, caseId: string, now: Date): Promise<CaseRecord> {
  const rows = await sql.query<CaseRow>(`UPDATE cases.case SET updated_at = $2 WHERE id = $1 RETURNING ${CASE_COLUMNS}`, [caseId, now]);
  return toCase(rows[0]!);
}

export interface CaseQuery {
  ids?: readonly string[] | null;
  /** Category codes, each matching itself and its leaves. */
  categories?: readonly string[] | null;
  channel?: Channel | null;
  status?: CaseStatus | null;
  statuses?: readonly CaseStatus[] | null;
  text?: string | null;
  createdAfter?: Date | null;
  createdBefore?: Date | null;
}

function caseConditions(filter: CaseQuery, params: unknown[]): string[] {
  const conditions: string[] = [];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  if (filter.ids) conditions.push(`c.id = ANY(${param(filter.ids.filter(isUuid))}::uuid[])`);
  if (filter.categories) conditions.push(`c.category_code LIKE ANY(${param(filter.categories.map((code) => `${code}%`))}::text[])`);
  if (filter.status) conditions.push(`c.status = ${param(filter.status)}`);
  if (filter.statuses) conditions.push(`c.status = ANY(${param(filter.statuses)}::text[])`);
  if (filter.createdAfter) conditions.push(`c.created_at >= ${param(filter.createdAfter)}`);
  if (filter.createdBefore) conditions.push(`c.created_at < ${param(filter.createdBefore)}`);
  if (filter.channel) {
    conditions.push(`EXISTS (SELECT 1 FROM cases.report r WHERE r.case_id = c.id AND r.channel = ${param(filter.channel)})`);
  }
  if (filter.text?.trim()) {
    const pattern = param(`%${filter.text.trim().replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`);
    conditions.push(
      `(c.title ILIKE ${pattern} OR EXISTS (SELECT 1 FROM cases.report r WHERE r.case_id = c.id AND (r.text ILIKE ${pattern} OR r.title ILIKE ${pattern})))`,
    );
  }
  return conditions;
}

/** Keyset page, newest first; `after` is the (created_at, id) of the last case already seen. */
export async function listCases(
  sql: Sql,
  filter: CaseQuery,
  limit: number,
  after: { createdAt: Date; id: string } | null,
): Promise<CaseRecord[]> {
  const params: unknown[] = [];
  const conditions = caseConditions(filter, params);
  if (after) {
    params.push(after.createdAt, after.id);
    conditions.push(`(c.created_at, c.id) < ($${params.length - 1}, $${params.length}::uuid)`);
  }
  params.push(limit);
  const where = conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
  const rows = await sql.query<CaseRow>(
    `SELECT ${CASE_COLUMNS.split(', ').map((column) => `c.${column}`).join(', ')} FROM cases.case c ${where}
      ORDER BY c.created_at DESC, c.id DESC LIMIT $${params.length}`,
    params,
  );
  return rows.map(toCase);
}

export async function countCases(sql: Sql, filter: CaseQuery): Promise<number> {
  const params: unknown[] = [];
  const conditions = caseConditions(filter, params);
  const where = conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
  const rows = await sql.query<{ count: number }>(`SELECT count(*)::int AS count FROM cases.case c ${where}`, params);
  return rows[0]?.count ?? 0;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export function isUuid(value: string): boolean {
  return UUID.test(value);
}
