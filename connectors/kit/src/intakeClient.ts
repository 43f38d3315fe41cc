import { inBatches, type ReportInput } from '@huying/schema';
import { kitSettings } from './config';

/** What intake said about one report: taken (with how), or refused (with why). */
export type IntakeAnswer = { ok: true; outcome: string; reportId: string } | { ok: false; reason: string };

/** Where a connector hands its reports; the cases subgraph in the hub. */
export interface Intake {
  submit(reports: readonly ReportInput[]): Promise<IntakeAnswer[]>;
}

const SUBMIT = `mutation Submit($reports: [ReportInput!]!) { submitReports(reports: $reports) { outcome report { id } } }`;

interface GraphQLAnswer {
  data?: { submitReports?: ({ outcome: string; report: { id: string } } | null)[] } | null;
  errors?: { message: string; path?: (string | number)[] }[];
}

/**
 * Intake over HTTP: `submitReports` on the cases subgraph (or the gateway). Idempotent by
 * (channel, sourceId), so a batch sent again after a crash updates, never duplicates. `endpoint` is read
 * at each call: in the hub the cases service may come up after the connector is built.
 */
export function graphqlIntake(
  endpoint: () => string | undefined,
  options: { timeoutMs?: number; headers?: () => Record<string, string>; maxBatch?: number } = {},
): Intake {
  const timeoutMs = options.timeoutMs ?? 60_000;
  // Intake refuses a call above its cap whole; a longer list goes as several calls, answers in order.
  const maxBatch = options.maxBatch ?? kitSettings.maxBatch;
  async function submitBatch(reports: readonly ReportInput[]): Promise<IntakeAnswer[]> {
    const url = endpoint();
    if (!url) throw new Error('intake (cases) endpoint is not known yet');
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...options.headers?.() },
      body: JSON.stringify({ query: SUBMIT, variables: { reports } }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const answer = (await response.json().catch(() => ({}))) as GraphQLAnswer;
    const results = answer.data?.submitReports;
    if (!results) throw new Error(`intake answered HTTP ${response.status}: ${answer.errors?.map((error) => error.message).join('; ') ?? 'no data'}`);
    return results.map((result, index) => {
      if (result) return { ok: true, outcome: result.outcome, reportId: result.report.id };
      const error = answer.errors?.find((candidate) => candidate.path?.[1] === index);
      return { ok: false, reason: error?.message ?? 'refused by intake' };
    });
  }
  return {
    async submit(reports) {
      const answers: IntakeAnswer[] = [];
      for (const batch of inBatches(reports, maxBatch)) answers.push(...(await submitBatch(batch)));
      return answers;
    },
  };
}
