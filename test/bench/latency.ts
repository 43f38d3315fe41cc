import { graphql } from '../support/graphql';

/** The answer's data; what the graph refused stops the benchmark, named. */
export async function graphqlData(url: string, query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}): Promise<Record<string, any>> {
  const answer = await graphql(url, query, variables, headers);
  if (answer.errors) throw new Error(JSON.stringify(answer.errors).slice(0, 500));
  return answer.data!;
}

const round = (value: number) => Math.round(value * 10) / 10;

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Median, p90, p99 and max of latencies in milliseconds, to a tenth. */
export function latencySummary(values: readonly number[]): { median: number; p90: number; p99: number; max: number } {
  const sorted = [...values].sort((a, b) => a - b);
  return { median: round(percentile(sorted, 50)), p90: round(percentile(sorted, 90)), p99: round(percentile(sorted, 99)), max: round(sorted.at(-1)!) };
}
