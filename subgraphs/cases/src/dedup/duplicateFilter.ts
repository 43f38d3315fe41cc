import type { Sql } from '@huying/runtime';
import { OPEN_CASE_STATUSES } from '@huying/schema';
import type { CaseMatch, CaseMatcher } from '../caseMatcher';
import { candidatesByContact, candidatesByKeys, fileReportKeys, type CandidateReport } from '../dedupStore';
import type { ReportRecord } from '../model';
import type { ReportFields } from '../store';
import { compareReports, isRepeat, mergeDecision, MERGE_THRESHOLDS, REPEAT_REOPEN_DAYS, type MergeDecision } from './mergeDecision';
import { lookupKeys, reportProfile } from './reportProfile';

const DAY_MS = 86_400_000;
/** How many earlier reports are scored at most: enough for a busy estate, bounded for a hot key. */
const CANDIDATE_LIMIT = 40;
const REPEAT_WINDOW_DAYS = 90;

/**
 * The 案件过滤器 behind intake's seam: tier 2 (same person again → REPEAT), then tier 3 (same issue
 * from someone else or another channel → MERGED, or a suggestion in the grey zone). Tier 1 (the same
 * record again) is intake's own (channel, sourceId) lookup.
 */
export const duplicateFilter: CaseMatcher = {
  async match(tx: Sql, report: ReportFields): Promise<CaseMatch | null> {
    const profile = reportProfile(report);
    const at = report.receivedAt.getTime();

    if (report.contactHash) {
      const window = { from: new Date(at - REPEAT_WINDOW_DAYS * DAY_MS), to: new Date(at + DAY_MS) };
      const own = await candidatesByContact(tx, report.contactHash, window, CANDIDATE_LIMIT);
      let best: { candidate: CandidateReport; decision: MergeDecision } | null = null;
      for (const candidate of own) {
        if (!repeatStillWelcome(candidate, report.receivedAt)) continue;
        const signals = compareReports(profile, reportProfile(candidate.report));
        if (!isRepeat(signals)) continue;
        const decision = mergeDecision(signals);
        if (!best || signals.text > best.decision.signals.text) best = { candidate, decision: { ...decision, signals } };
      }
      if (best) {
        return { outcome: 'REPEAT', caseId: best.candidate.report.caseId, score: best.decision.score, signals: best.decision.signals };
      }
    }

    const keys = lookupKeys(profile).search;
    const window = { from: new Date(at - MERGE_THRESHOLDS.windowDays * DAY_MS), to: new Date(at + DAY_MS) };
    const candidates = await candidatesByKeys(tx, keys, window, CANDIDATE_LIMIT);
    let best: { caseId: string; decision: MergeDecision } | null = null;
    for (const candidate of candidates) {
      if (!OPEN_CASE_STATUSES.includes(candidate.caseStatus)) continue;
      const decision = mergeDecision(compareReports(profile, reportProfile(candidate.report)));
      if (decision.verdict !== 'NEW' && (!best || decision.score > best.decision.score)) best = { caseId: candidate.report.caseId, decision };
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
    await fileReportKeys(tx, report.id, lookupKeys(reportProfile(report)).own, report.receivedAt);
  },
};

/** A repeat joins an open case, or one closed in the last week (the person is saying it is not fixed). */
function repeatStillWelcome(candidate: CandidateReport, receivedAt: Date): boolean {
  if (OPEN_CASE_STATUSES.includes(candidate.caseStatus)) return true;
  if (candidate.caseStatus !== 'RESOLVED' && candidate.caseStatus !== 'CLOSED') return false;
  return receivedAt.getTime() - candidate.caseUpdatedAt.getTime() <= REPEAT_REOPEN_DAYS * DAY_MS;
}
