import { LRUCache } from 'lru-cache';
import type { Sql } from '@huying/runtime';
import { OPEN_CASE_STATUSES } from '@huying/schema';
import type { CaseMatch, CaseMatcher } from '../caseMatcher';
import { candidatesByContact, candidatesByKeys, fileReport, type CandidateReport } from '../dedupStore';
import type { ReportRecord } from '../model';
import type { ReportFields } from '../store';
import { compareReports, isRepeat, mergeDecision, MERGE_THRESHOLDS, REPEAT_REOPEN_DAYS, type MergeDecision } from './mergeDecision';
import { lookupKeys, reportProfile, type ReportProfile } from './reportProfile';
import { restoreProfile, storeProfile } from './storedProfile';

const DAY_MS = 86_400_000;
/** How many earlier reports are scored at most: enough for a busy estate, bounded for a hot key. */
const CANDIDATE_LIMIT = 30;
/** How many of a key's newest entries are read: a key is a lead, and a hot key's old entries are stale leads. */
const ENTRIES_PER_KEY = 48;
const REPEAT_WINDOW_DAYS = 90;

/**
 * Profiles of recent candidates, so a busy place's reports are not rebuilt for every newcomer.
 * Keyed by id and revision: an updated report is profiled afresh. Bounded, so memory stays flat.
 */
const recentProfiles = new LRUCache<string, ReportProfile>({ max: 50_000 });

/** A candidate's profile: cached, else as filed with it, else (filed before profiles were kept) derived anew. */
function profileOf(candidate: CandidateReport): ReportProfile {
  const { report } = candidate;
  const key = `${report.id}:${report.revision}`;
  let profile = recentProfiles.get(key);
  if (!profile) {
    profile = candidate.storedProfile ? restoreProfile(candidate.storedProfile, report) : reportProfile(report);
    recentProfiles.set(key, profile);
  }
  return profile;
}

/** The profile `match` built for a new report, handed on to `file` (same fields, one segmentation). */
const incomingProfiles = new LRUCache<string, { text: string; receivedAt: number; profile: ReportProfile }>({ max: 1_000 });
const incomingKey = (report: Pick<ReportFields, 'channel' | 'sourceId'>) => `${report.channel}\u0000${report.sourceId}`;

/**
 * The 案件过滤器 behind intake's seam: tier 2 (same person again → REPEAT), then tier 3 (same issue
 * from someone else or another channel → MERGED, or a suggestion in the grey zone). Tier 1 (the same
 * record again) is intake's own (channel, sourceId) lookup.
 */
export const duplicateFilter: CaseMatcher = {
  async match(tx: Sql, report: ReportFields): Promise<CaseMatch | null> {
    const profile = reportProfile(report);
    const at = report.receivedAt.getTime();
    incomingProfiles.set(incomingKey(report), { text: report.text, receivedAt: at, profile });

    if (report.contactHash) {
      const window = { from: new Date(at - REPEAT_WINDOW_DAYS * DAY_MS), to: new Date(at + DAY_MS) };
      const own = await candidatesByContact(tx, report.contactHash, window, CANDIDATE_LIMIT);
      let best: { candidate: CandidateReport; decision: MergeDecision } | null = null;
      for (const candidate of own) {
        if (!repeatStillWelcome(candidate, report.receivedAt)) continue;
        const signals = compareReports(profile, profileOf(candidate));
        if (!isRepeat(signals)) continue;
        if (!best || signals.text > best.decision.signals.text) best = { candidate, decision: mergeDecision(signals) };
      }
      if (best) {
        return { outcome: 'REPEAT', caseId: best.candidate.report.caseId, score: best.decision.score, signals: best.decision.signals };
      }
    }

    const keys = lookupKeys(profile, report).search;
    const window = { from: new Date(at - MERGE_THRESHOLDS.windowDays * DAY_MS), to: new Date(at + DAY_MS) };
    const candidates = await candidatesByKeys(tx, keys, window, { reports: CANDIDATE_LIMIT, perKey: ENTRIES_PER_KEY }, OPEN_CASE_STATUSES);
    let best: { caseId: string; decision: MergeDecision } | null = null;
    // A case one of whose reports is provably somewhere else is no candidate, however well another matches:
    // otherwise a report without a spot would bridge 东门 and 西门 into one case.
    const elsewhere = new Set<string>();
    const decisions: { caseId: string; decision: MergeDecision }[] = [];
    for (const candidate of candidates) {
      const decision = mergeDecision(compareReports(profile, profileOf(candidate)));
      if (decision.signals.place === 'DIFFERENT') elsewhere.add(candidate.report.caseId);
      decisions.push({ caseId: candidate.report.caseId, decision });
    }
    for (const entry of decisions) {
      if (entry.decision.verdict === 'NEW' || elsewhere.has(entry.caseId)) continue;
      if (!best || entry.decision.score > best.decision.score) best = entry;
    }
    if (!best) return null;
    return {
      outcome: best.decision.verdict === 'MERGE' ? 'MERGED' : 'REVIEW',
      caseId: best.caseId,
      score: best.decision.score,
      signals: best.decision.signals,
    };
  },

  async file(tx: Sql, report: ReportRecord): Promise<void> {
    const handed = incomingProfiles.get(incomingKey(report));
    const fresh = handed && handed.text === report.text && handed.receivedAt === report.receivedAt.getTime();
    const profile = fresh ? handed.profile : reportProfile(report);
    recentProfiles.set(`${report.id}:${report.revision}`, profile);
    await fileReport(tx, { reportId: report.id, revision: report.revision, at: report.receivedAt, keys: lookupKeys(profile, report).own, profile: storeProfile(profile) });
  },
};

/** A repeat joins an open case, or one closed in the last week (the person is saying it is not fixed). */
function repeatStillWelcome(candidate: CandidateReport, receivedAt: Date): boolean {
  if (OPEN_CASE_STATUSES.includes(candidate.caseStatus)) return true;
  if (candidate.caseStatus !== 'RESOLVED' && candidate.caseStatus !== 'CLOSED') return false;
  return receivedAt.getTime() - candidate.caseUpdatedAt.getTime() <= REPEAT_REOPEN_DAYS * DAY_MS;
}
