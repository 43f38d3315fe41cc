import { gatewayHeaders, settings } from '@huying/runtime';

/** Asks the analytics subgraph itself, as the gateway would for `role` (null: without the gateway's word). */
export async function askAnalytics(base: string, query: string, variables: Record<string, unknown>, role: string | null) {
  const response = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(role ? gatewayHeaders(role, settings.gatewaySecret) : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { age: response.headers.get('age'), cacheControl: response.headers.get('cache-control'), body: (await response.json()) as { data?: Record<string, unknown>; errors?: { extensions?: { code?: string } }[] } };
}
