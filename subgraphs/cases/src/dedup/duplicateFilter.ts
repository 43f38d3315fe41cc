import { LRUCache } from 'lru-cache';
import type { Sql } from '@huying/runtime';
import { OPEN_CASE_STATUSES } from '@huying/schema';
import type { CaseMatch, CaseMatcher, ReportFiling, SameRecord } from './caseMatcher';
import { caseChoice } from './caseChoice';
import { candidatesFor, type CandidateReport, type ContactCandidate } from './candidateLookup';
import type { ReportFields } from '../model';
import { DEDUP_RULES } from './dedupRules';
import { compareReports, isRepeat, mergeDecision, REPEAT_REOPEN_DAYS, type MergeDecision } from './mergeDecision';
import { lookupKeys, reportProfile, type ReportProfile } from './reportProfile';
import { restoreProfile, storeProfile, type StoredProfile } from './storedProfile';

const DAY_MS = 86_400_000;
/**
 * How many earlier reports are scored at most (those sharing the most keys, then the newest): one of a
 * case's reports is enough to join it. Each costs its row (most often a page the database must fetch)
 * and its scoring, for every report, once a working city's open cases pile up. At 6 the message-board
 * and Fuzhou sets' scores are as at 10 and 20; Chicago joins 71 of its 73 flagged duplicates (69 at 10)
 * and merges 19 pairs of different types or over 500 m apart among 1,218 (14 among 1,194 at 10).
 */
const CANDIDATE_LIMIT = 6;
/** How many of a key's newest entries are read: a key is a lead, and a hot key's old entries are stale leads. */
const ENTRIES_PER_KEY = 48;
const REPEAT_WINDOW_DAYS = 90;
/**
 * How many cases besides the one a report joins or is queued with are also queued with it: one issue
 * split over cases earlier meets again in front of an operator. On the held-out part of the set labelled
 * by meaning, queued recall 0.68 with none, 0.82 with one (15.3 suggestions per 100 reports), 0.83 with
 * two (16.4); five queue no more pairs of one issue than two. The extra suggestions are right as often as
 * the first (their two cases hold one issue: 0.56 of the suggestions, 0.53 before).
 */
const MORE_SUGGESTIONS = 2;

/**
 * Profiles of recent candidates, so a busy place's reports are not restored for every newcomer.
 * Keyed by id and revision: an updated report is profiled afresh. Bounded, so memory stays flat.
 */
const recentProfiles = new LRUCache<string, ReportProfile>({ max: 50_000 });

/** A candidate's profile: cached, else as filed with it, else (filed before profiles were kept) derived anew. */
function profileOf(candidate: CandidateReport): ReportProfile {
  const key = `${candidate.reportId}:${candidate.revision}`;
  let profile = recentProfiles.get(key);
  if (!profile) {
    const found = candidate.profile;
    profile = 'stored' in found ? restoreProfile(JSON.parse(found.stored) as StoredProfile, found) : reportProfile(found.source);
    recentProfiles.set(key, profile);
  }
  return profile;
}

/** What `match` derived from a report, for its `filing` (intake asks with the same fields object). */
const derived = new WeakMap<ReportFields, { profile: ReportProfile; keys: { own: string[]; search: string[] } }>();

function derive(report: ReportFields) {
  let found = derived.get(report);
  if (!found) {
    const profile = reportProfile(report);
    found = { profile, keys: lookupKeys(profile, report) };
    derived.set(report, found);
  }
  return found;
}

/**
 * The 案件过滤器 behind intake's seam: tier 1 (the same record again, by channel and its id there →
 * an update), tier 2 (same person again → REPEAT), then tier 3 (same issue from someone else or
 * another channel → MERGED, or a suggestion in the grey zone).
 */
export const duplicateFilter: CaseMatcher = {
  async match(tx: Sql, report: ReportFields): Promise<SameRecord | CaseMatch | null> {
    const { profile, keys } = derive(report);
    const at = report.receivedAt.getTime();
    // All tiers in one statement: an update or a REPEAT (a few in a hundred) then wastes the key lookup,
    // but every report saves the round trip of a statement of its own for tier 1.
    const { sameRecord, byContact, byKey } = await candidatesFor(tx, {
      record: { channel: report.channel, sourceId: report.sourceId },
      contactHash: report.contactHash,
      contactFrom: new Date(at - REPEAT_WINDOW_DAYS * DAY_MS),
      keys: keys.search,
      keysFrom: new Date(at - DEDUP_RULES.windowDays * DAY_MS),
      to: new Date(at + DAY_MS),
      limits: { reports: CANDIDATE_LIMIT, perKey: ENTRIES_PER_KEY },
    });
    if (sameRecord) return { outcome: 'SAME_RECORD', reportId: sameRecord.reportId, caseId: sameRecord.caseId };

    let repeat: { candidate: ContactCandidate; decision: MergeDecision } | null = null;
    for (const candidate of byContact) {
      if (!repeatStillWelcome(candidate, report.receivedAt)) continue;
      const signals = compareReports(profile, profileOf(candidate));
      if (!isRepeat(signals)) continue;
      if (!repeat || signals.text > repeat.decision.signals.text) repeat = { candidate, decision: mergeDecision(signals) };
    }
    if (repeat) {
      return { outcome: 'REPEAT', caseId: repeat.candidate.caseId, score: repeat.decision.score, signals: repeat.decision.signals };
    }

    const choice = caseChoice(
      byKey.map((candidate) => ({ caseId: candidate.caseId, decision: mergeDecision(compareReports(profile, profileOf(candidate))) })),
      MORE_SUGGESTIONS,
    );
    if (!choice) return null;
    return {
      outcome: choice.decision.verdict === 'MERGE' ? 'MERGED' : 'REVIEW',
      caseId: choice.caseId,
      score: choice.decision.score,
      signals: choice.decision.signals,
      alsoSuggested: choice.alsoSuggested,
    };
  },

  filing(report: ReportFields): ReportFiling {
    const { profile, keys } = derive(report);
    return { keys: keys.own, profile: storeProfile(profile) };
  },
};

/** A repeat joins an open case, or one closed in the last week (the person is saying it is not fixed). */
function repeatStillWelcome(candidate: ContactCandidate, receivedAt: Date): boolean {
  if (OPEN_CASE_STATUSES.includes(candidate.caseStatus)) return true;
  if (candidate.caseStatus !== 'RESOLVED' && candidate.caseStatus !== 'CLOSED') return false;
  return receivedAt.getTime() - candidate.caseUpdatedAt.getTime() <= REPEAT_REOPEN_DAYS * DAY_MS;
}
