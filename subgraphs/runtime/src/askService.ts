import { GraphQLError } from 'graphql';

/**
 * Asks a service's GraphQL endpoint one operation with the caller's headers, as a subscription source
 * does for each page: the data, or the service's first error as a GraphQLError with its code (so a refusal
 * reaches the subscriber as the service worded it); SERVICE_UNAVAILABLE when the service is not there.
 */
export async function askService<Data>(
  base: string | undefined,
  service: string,
  request: { query: string; variables: Record<string, unknown>; headers: Record<string, string> },
): Promise<Data> {
  if (!base) throw new GraphQLError(`the ${service} service is not reachable`, { extensions: { code: 'SERVICE_UNAVAILABLE' } });
  const response = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...request.headers },
    body: JSON.stringify({ query: request.query, variables: request.variables }),
  });
  const body = (await response.json()) as { data?: Data | null; errors?: { message: string; extensions?: Record<string, unknown> }[] };
  const error = body.errors?.[0];
  if (error) throw new GraphQLError(error.message, { extensions: error.extensions });
  if (!body.data) throw new GraphQLError(`${service} answered ${response.status}`, { extensions: { code: 'SERVICE_UNAVAILABLE' } });
  return body.data;
}
