import { RemoteGraphQLDataSource } from '@apollo/gateway';
import { GraphQLError } from 'graphql';

export interface GatewayContext {
  /** What every subgraph request of this caller carries (see `subgraphHeadersOf`): nothing else of the client's passes. */
  subgraphHeaders: Record<string, string>;
}

/**
 * The gateway passes custom scalars (DateTime) through unparsed, so a subgraph is the one to refuse a
 * bad value, with a 400. The client should see that typed error, not the gateway's "400: Bad Request".
 */
type DataSourceConfig = NonNullable<ConstructorParameters<typeof RemoteGraphQLDataSource>[0]>;

export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    config: DataSourceConfig,
    /** The subgraph's name in the supergraph, given to a failure so the client learns which part is missing. */
    private readonly serviceName?: string,
  ) {
    // Node's fetch (undici) retires an idle socket before the subgraph's server closes it (it reads the
    // server's Keep-Alive timeout). The default fetcher keeps idle sockets with no limit, so a query sent
    // on one just as the server closes it failed with ECONNRESET under load (apollographql/federation#2313).
    super({ fetcher: fetch as unknown as DataSourceConfig['fetcher'], ...config });
  }

  override willSendRequest({ request, context }: Parameters<NonNullable<RemoteGraphQLDataSource<GatewayContext>['willSendRequest']>>[0]) {
    // Health checks and schema loading run without a request, hence without headers.
    const headers: Record<string, string> = (context as Partial<GatewayContext>).subgraphHeaders ?? {};
    for (const [header, value] of Object.entries(headers)) request.http?.headers.set(header, value);
  }

  /**
   * A subgraph that cannot be reached (down, restarting) fails the fetch before any answer: the error then
   * carries the subgraph's name, so the gateway's masking can tell the client which part is missing.
   */
  override async process(options: Parameters<RemoteGraphQLDataSource<GatewayContext>['process']>[0]) {
    try {
      return await super.process(options);
    } catch (error) {
      if (error instanceof GraphQLError || !this.serviceName) throw error;
      throw new GraphQLError(`the ${this.serviceName} subgraph could not be reached`, { originalError: error as Error, extensions: { serviceName: this.serviceName } });
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
