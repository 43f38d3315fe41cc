/** A GraphQL client as any outside client would be: HTTP POST to the gateway. */
export interface GraphQLResponse<Data> {
  data?: Data;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

export async function graphql<Data = Record<string, any>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<GraphQLResponse<Data>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as GraphQLResponse<Data>;
}

/**
 * Where a department's event log ends now, read with its own key. A system subscribes `after` this
 * cursor, so nothing that happens while the subscription is being set up can slip past it.
 */
export async function departmentHeadCursor(url: string, departmentId: string, key: string): Promise<string> {
  const head = await graphql<{ assignmentEvents: { headCursor: string } }>(
    url,
    'query ($d: ID!) { assignmentEvents(departmentId: $d, first: 0) { headCursor } }',
    { d: departmentId },
    { authorization: `Bearer ${key}` },
  );
  if (!head.data) throw new Error(`no head cursor: ${JSON.stringify(head.errors)}`);
  return head.data.assignmentEvents.headCursor;
}
