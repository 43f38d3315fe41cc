import { RemoteGraphQLDataSource } from '@apollo/gateway';
import { GraphQLError } from 'graphql';

export interface GatewayContext {
  headers: Record<string, string | string[] | undefined>;
}

/** Headers a subgraph needs to decide who is asking (department credentials, roles). */
const FORWARDED_HEADERS = ['authorization', 'x-huying-role', 'x-request-id'];

/**
 * The gateway passes custom scalars (DateTime) through unparsed, so a subgraph is the one to refuse a
 * bad value, with a 400. The client should see that typed error, not the gateway's "400: Bad Request".
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  override willSendRequest({ request, context }: Parameters<NonNullable<RemoteGraphQLDataSource<GatewayContext>['willSendRequest']>>[0]) {
    for (const header of FORWARDED_HEADERS) {
      const value = context.headers?.[header];
      if (typeof value === 'string') request.http?.headers.set(header, value);
    }
  }

  override async errorFromResponse(response: Parameters<RemoteGraphQLDataSource['errorFromResponse']>[0]): Promise<GraphQLError> {
    const fallback = await super.errorFromResponse(response);
    const body = (fallback.extensions.response as { body?: unknown } | undefined)?.body as
      | { errors?: { message: string; extensions?: Record<string, unknown> }[] }
      | undefined;
    const first = body?.errors?.[0];
    if (response.status === 400 && first?.extensions?.code === 'BAD_USER_INPUT') {
      return new GraphQLError(first.message, { extensions: { ...first.extensions } });
    }
    return fallback;
  }
}
