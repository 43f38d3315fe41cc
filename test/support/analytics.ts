import { gatewayHeaders, settings } from '@huying/runtime';
import { eventually } from './eventually';

/** Asks the analytics subgraph itself, as the gateway would for `role` (null: without the gateway's word). */
export async function askAnalytics(base: string, query: string, variables: Record<string, unknown>, role: string | null) {
  const response = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(role ? gatewayHeaders(role, settings.gatewaySecret) : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { age: response.headers.get('age'), cacheControl: response.headers.get('cache-control'), body: (await response.json()) as { data?: Record<string, unknown>; errors?: { extensions?: { code?: string } }[] } };
}

/**
 * Asks the same question twice in a row until the second answer comes from analytics' cache (within 15 s), and
 * returns it: a pair that straddles the cache's 5-second window, or a late event between its two asks, rightly
 * gets a fresh second answer (CI's reds on 79d791b and ce8f26f).
 */
export async function askAnalyticsUntilCached(base: string, query: string, variables: Record<string, unknown>, role: string | null) {
  return eventually(async () => {
    await askAnalytics(base, query, variables, role);
    const second = await askAnalytics(base, query, variables, role);
    return second.age !== null ? second : undefined;
  }, 'a second ask answered from the cache', 15_000);
}
