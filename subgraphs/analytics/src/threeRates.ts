/**
 * The 三率 and the other case KPIs — the one place they are defined. Every query, page and export
 * computes them through `KPI_CONDITIONS` (SQL over analytics.case_fact, summed per day in
 * analytics.case_rollup) and `kpiRates`.
 *
 * Which cases count ("cases"): every case opened (its first report received) in the period, once — one
 * case per real-world issue. A case merged into another is not counted on its own: its reports count
 * toward the case it joined. A case reopened after a dissatisfied evaluation (不满意重办) stays ONE case,
 * counted in the period it was opened, never a second time.
 *
 * 响应率 response rate = cases first signed for (签收 by a department) no later than their deadline
 *   ÷ cases. The deadline is the one dispatch gave the case (CaseClassified.dueAt), else the first
 *   round's assignment deadline; a case with no deadline is on time once signed for. A case nobody
 *   has signed for yet counts as not responded.
 * 解决率 resolution rate = cases whose current round of handling is resolved ÷ cases. A reopened case
 *   counts as unresolved from the moment it is reopened until its new round is resolved again.
 * 满意率 satisfaction rate = cases whose latest citizen evaluation is satisfied (满意度 3–5: 基本满意,
 *   满意, 非常满意) ÷ cases with a citizen evaluation. The latest round's evaluation decides: a reopened
 *   case counts as dissatisfied until it is rated again, then as that new rating says.
 * SLA compliance = cases resolved no later than their deadline ÷ cases with a deadline that are either
 *   resolved or past their deadline at the time of the query (a case still within its time is not judged).
 * 重复投诉率 repeat-complaint rate = cases that received a repeat report (the same person again about the
 *   same issue) ÷ cases.
 *
 * Tongzhou's 2023 figures (440,000 cases; 99.93% / 93.81% / 94.93%) are these three ratios.
 * A rate whose denominator is zero is null (no cases to judge), never 0 or 1.
 */
export interface KpiCounts {
  cases: number;
  respondedOnTime: number;
  resolved: number;
  evaluated: number;
  satisfied: number;
  slaJudged: number;
  slaMet: number;
  repeated: number;
}

export interface KpiRates {
  responseRate: number | null;
  resolutionRate: number | null;
  satisfactionRate: number | null;
  slaComplianceRate: number | null;
  repeatComplaintRate: number | null;
}

/** Which case_fact rows are counted in a period: opened in it, and not merged into another case. */
export const COUNTED_CASE = `created_at >= $1 AND created_at < $2 AND merged_into IS NULL`;

/**
 * Which counted cases each count takes, as a condition on one analytics.case_fact row; `$3` is the time of
 * the query. analytics.case_rollup (migration 007) stores the same sums per day, all but the cases still
 * open past their deadline, which only the time of the query can judge (`deadline_resolved` there).
 */
export const KPI_CONDITIONS: Record<keyof KpiCounts, string> = {
  cases: `true`,
  respondedOnTime: `responded_at IS NOT NULL AND (deadline_at IS NULL OR responded_at <= deadline_at)`,
  resolved: `resolved`,
  evaluated: `satisfied IS NOT NULL`,
  satisfied: `COALESCE(satisfied, false)`,
  slaJudged: `deadline_at IS NOT NULL AND (resolved OR deadline_at < $3)`,
  slaMet: `deadline_at IS NOT NULL AND resolved AND resolved_at <= deadline_at`,
  repeated: `has_repeat`,
};

/** The counts behind the rates, as SQL aggregates over analytics.case_fact. */
export const KPI_COUNTS = Object.fromEntries(
  Object.entries(KPI_CONDITIONS).map(([name, condition]) => [name, `count(*) FILTER (WHERE ${condition})`]),
) as Record<keyof KpiCounts, string>;

const ratio = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);

export function kpiRates(counts: KpiCounts): KpiRates {
  return {
    responseRate: ratio(counts.respondedOnTime, counts.cases),
    resolutionRate: ratio(counts.resolved, counts.cases),
    satisfactionRate: ratio(counts.satisfied, counts.evaluated),
    slaComplianceRate: ratio(counts.slaMet, counts.slaJudged),
    repeatComplaintRate: ratio(counts.repeated, counts.cases),
  };
}
