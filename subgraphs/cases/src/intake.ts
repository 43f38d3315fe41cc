import { randomUUID } from 'node:crypto';
import { dataKeys, publishEvent, type Clock, type Database, type DataKeyRing, type Logger, type Sql } from '@huying/runtime';
import {
  classifyCategory,
  contactHash,
  maskContact,
  maskPhonesInText,
  normalizeContact,
  toWgs84,
  validateReport,
  type FieldIssue,
  type ValidReport,
} from '@huying/schema';
import { decideCategory } from './categoryDecision';
import type { CaseMatcher } from './dedup';
import type { CaseRecord, IntakeOutcome, ReportFields, ReportRecord } from './model';
import * as merges from './mergeStore';
import * as store from './store';

export const CASES_SCHEMA = 'cases';

/** What opening a case reads of its first report (never the sealed number). */
type ReportRecordFields = Omit<ReportFields, 'contactSealed'>;

export interface IntakeDeps {
  db: Database;
  clock: Clock;
  matcher: CaseMatcher;
  contactKey: string;
  /** Seals the reporter's number at rest; default: the process's HUYING_DATA_KEYS. */
  keys?: DataKeyRing;
  /** Told why a shared transaction gave up (a held case, a deadlock, a refused report), so it can be counted. */
  log?: Pick<Logger, 'info'>;
}

export type IntakeResult =
  | { ok: true; outcome: IntakeOutcome; report: ReportRecord; case: CaseRecord }
  | { ok: false; issues: FieldIssue[] };

/**
 * Takes reports in order, each seeing the ones before it. A report whose fields are refused is answered with why
 * and costs the others nothing; the valid ones go in shared transactions of up to `REPORTS_PER_TRANSACTION`.
 */
export async function submitReports(deps: IntakeDeps, inputs: readonly unknown[]): Promise<IntakeResult[]> {
  const checked = inputs.map((input) => validateReport(input));
  const results = checked.map((check): IntakeResult | null => (check.ok ? null : { ok: false, issues: check.issues }));
  const valid = checked.flatMap((check, index) => (check.ok ? [{ index, report: check.value }] : []));
  for (let from = 0; from < valid.length; from += REPORTS_PER_TRANSACTION) {
    const part = valid.slice(from, from + REPORTS_PER_TRANSACTION);
    const taken = part.length > 1 ? await takeTogether(deps, part.map((entry) => entry.report)) : null;
    for (const [at, entry] of part.entries()) results[entry.index] = taken?.[at] ?? (await takeReport(deps, entry.report));
  }
  return results as IntakeResult[];
}

/**
 * A backfill's page, one report a transaction, paid a BEGIN, a COMMIT and an outbox append (with the outbox's
 * commit-order lock) for each report: as dear as the report's own statements. Ten share them, and stay short
 * enough that another channel's report seldom waits on a case they touched.
 */
export const REPORTS_PER_TRANSACTION = 10;
/** A shared transaction that would wait longer than this for a row (another writer holds the case) gives up. */
const SHARED_LOCK_WAIT_MS = 50;

/**
 * Reports taken in one transaction, or null when that transaction failed (a lock it would wait too long for, a
 * deadlock, a race on a new record, a report the database refuses): none of it is kept, and the caller takes
 * each report again in a transaction of its own, so the reports before a bad one are kept as they always were.
 */
async function takeTogether(deps: IntakeDeps, reports: readonly ValidReport[]): Promise<IntakeResult[] | null> {
  try {
    return await deps.db.transaction(async (tx) => {
      const taken: IntakeResult[] = [];
      for (const report of reports) taken.push(await takeInTransaction(tx, deps, reportFields(report, deps.contactKey, deps.keys)));
      return taken;
    }, { lockWaitMs: SHARED_LOCK_WAIT_MS });
  } catch (error) {
    // The SQLSTATE alone: a database's message or detail may quote a report's values.
    deps.log?.info({ reports: reports.length, code: (error as { code?: string }).code ?? null }, 'a shared intake transaction gave up: its reports are taken one a transaction');
    return null;
  }
}

export async function takeReport(deps: IntakeDeps, input: ValidReport) {
  const fields = reportFields(input, deps.contactKey, deps.keys);
  try {
    return await deps.db.transaction((tx) => takeInTransaction(tx, deps, fields));
  } catch (error) {
    // Two deliveries of one new record raced; the loser is now an update of the winner's report.
    if ((error as { code?: string }).code === '23505') return deps.db.transaction((tx) => takeInTransaction(tx, deps, fields));
    throw error;
  }
}

async function takeInTransaction(tx: Sql, deps: IntakeDeps, fields: ReportFields): Promise<IntakeResult> {
  const now = deps.clock.now();
  const match = await deps.matcher.match(tx, fields, now);
  if (match?.outcome === 'SAME_RECORD') {
    const report = await store.updateReport(tx, match.reportId, { ...fields, caseId: match.caseId }, now);
    const caseRecord = await store.touchCase(tx, match.caseId, now);
    await publishEvent(tx, CASES_SCHEMA, {
      type: 'ReportUpdated',
      aggregateId: match.caseId,
      occurredAt: now,
      payload: reportPayload(report),
    });
    return { ok: true, outcome: 'UPDATED', report, case: caseRecord };
  }

  const attach = match && (match.outcome === 'REPEAT' || match.outcome === 'MERGED') ? { caseId: match.caseId, outcome: match.outcome } : null;
  // A new case is written by the report's own statement: the report, and a grey-zone suggestion, point to it.
  const opening = attach ? null : caseOpening(fields);
  const filed = await store.insertReport(tx, { ...fields, caseId: attach?.caseId ?? opening!.record.id }, now, {
    filing: deps.matcher.filing?.(fields),
    reportCase: attach ? { joins: true } : { opens: opening!.record },
    // Every automatic decision is kept with its evidence; a grey-zone pair waits for an operator.
    decision: match
      ? {
          kind: attach ? 'ATTACH' : 'SUGGESTION',
          outcome: attach?.outcome ?? null,
          state: attach ? 'APPLIED' : 'PENDING',
          intoCaseId: match.caseId,
          fromCaseId: opening?.record.id ?? null,
          score: match.score ?? null,
          signals: (match.signals as unknown as Record<string, unknown>) ?? null,
          automatic: true,
          decidedBy: null,
          reason: null,
          decidedAt: now,
        }
      : undefined,
  });
  const report = filed.report;
  const caseRecord = filed.case!;
  if (opening) await announceOpened(tx, caseRecord, fields, opening.keywordCategory, now);
  for (const other of match && match.outcome !== 'REPEAT' ? (match.alsoSuggested ?? []) : []) {
    await merges.queueSuggestion(tx, {
      kind: 'SUGGESTION',
      outcome: null,
      state: 'PENDING',
      intoCaseId: other.caseId,
      fromCaseId: caseRecord.id,
      reportId: report.id,
      score: other.score,
      signals: other.signals as unknown as Record<string, unknown>,
      automatic: true,
      decidedBy: null,
      reason: null,
      decidedAt: now,
    });
  }
  const outcome: IntakeOutcome = attach?.outcome ?? 'NEW_CASE';
  await publishEvent(tx, CASES_SCHEMA, {
    type: 'ReportAttached',
    aggregateId: caseRecord.id,
    occurredAt: now,
    payload: { ...reportPayload(report), outcome },
  });
  return { ok: true, outcome, report, case: caseRecord };
}

/** Opens a case for a report split out of its case, and announces it. */
export async function openCase(tx: Sql, fields: ReportRecordFields, now: Date): Promise<CaseRecord> {
  const opening = caseOpening(fields);
  const caseRecord = await store.insertCase(tx, opening.record, now);
  await announceOpened(tx, caseRecord, fields, opening.keywordCategory, now);
  return caseRecord;
}

/** The case a report opens: named and filed by its wording (intake writes it with the report, a split alone). */
function caseOpening(fields: ReportRecordFields): { record: store.OpeningCase; keywordCategory: string | null } {
  const wording = `${fields.title ?? ''} ${fields.text}`;
  const category = decideCategory(fields.categoryHint, wording);
  return {
    record: {
      id: randomUUID(),
      title: fields.title ?? summarize(fields.text),
      status: 'RECEIVED',
      categoryCode: category.code,
      categorySource: category.source,
      categoryConfidence: category.confidence,
      location: fields.location,
      address: fields.address,
      createdAt: fields.receivedAt,
    },
    // What the tree's keywords alone make of it (其他 when none matches): the new-problem alerts read the rest.
    keywordCategory: category.source === 'CHANNEL' ? null : classifyCategory(null, wording).code,
  };
}

async function announceOpened(tx: Sql, caseRecord: CaseRecord, fields: ReportRecordFields, keywordCategory: string | null, now: Date): Promise<void> {
  await publishEvent(tx, CASES_SCHEMA, {
    type: 'CaseOpened',
    aggregateId: caseRecord.id,
    occurredAt: now,
    payload: casePayload(caseRecord, fields, keywordCategory),
  });
}

export function reportFields(input: ValidReport, contactKey: string, keys: DataKeyRing = dataKeys()): ReportFields {
  return {
    caseId: '',
    channel: input.channel,
    sourceId: input.sourceId,
    receivedAt: input.receivedAt,
    // A number typed into the text is personal data like the contact: kept masked (the contact field is for calling back).
    title: input.title === null ? null : maskPhonesInText(input.title),
    text: maskPhonesInText(input.text),
    address: input.address === null ? null : maskPhonesInText(input.address),
    location: input.location ? toWgs84(input.location, input.location.crs) : null,
    categoryHint: input.categoryHint,
    contactHash: input.contact ? contactHash(input.contact, contactKey) : null,
    contactMasked: input.contact ? maskContact(input.contact) : null,
    contactSealed: input.contact ? keys.seal(normalizeContact(input.contact)) : null,
    intakeMode: input.intakeMode,
  };
}

/** A case without a title is named by the start of its first report. */
function summarize(text: string): string {
  const firstSentence = text.split(/[。！？!?\n]/)[0] ?? text;
  return firstSentence.length > 40 ? `${firstSentence.slice(0, 40)}…` : firstSentence;
}

function casePayload(caseRecord: CaseRecord, fields: ReportRecordFields, keywordCategory: string | null) {
  return {
    caseId: caseRecord.id,
    title: caseRecord.title,
    text: fields.text,
    categoryCode: caseRecord.categoryCode,
    categoryHint: fields.categoryHint,
    categorySource: caseRecord.categorySource,
    categoryConfidence: caseRecord.categoryConfidence,
    keywordCategory,
    channel: fields.channel,
    address: caseRecord.address,
    location: caseRecord.location,
    createdAt: caseRecord.createdAt.toISOString(),
  };
}

export function reportPayload(report: ReportRecord) {
  return {
    caseId: report.caseId,
    reportId: report.id,
    channel: report.channel,
    sourceId: report.sourceId,
    receivedAt: report.receivedAt.toISOString(),
    contactHash: report.contactHash,
    contactMasked: report.contactMasked,
    intakeMode: report.intakeMode,
  };
}
