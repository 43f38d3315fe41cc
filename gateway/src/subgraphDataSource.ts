import { RemoteGraphQLDataSource } from '@apollo/gateway';
import { GraphQLError } from 'graphql';
import { callerScope } from './callerIdentity';

export interface GatewayContext {
  /** What every subgraph request of this caller carries (see `subgraphHeadersOf`): nothing else of the client's passes. */
  subgraphHeaders: Record<string, string>;
}

/**
 * The gateway passes custom scalars (DateTime) through unparsed, so a subgraph is the one to refuse a
 * bad value, with a 400. The client should see that typed error, not the gateway's "400: Bad Request".
 */
type DataSourceConfig = NonNullable<ConstructorParameters<typeof RemoteGraphQLDataSource>[0]>;
type ProcessOptions = Parameters<RemoteGraphQLDataSource<GatewayContext>['process']>[0];
type SubgraphResponse = Awaited<ReturnType<RemoteGraphQLDataSource<GatewayContext>['process']>>;

export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    config: DataSourceConfig,
    /** The subgraph's name in the supergraph, given to a failure so the client learns which part is missing. */
    private readonly serviceName?: string,
    /**
     * Whether identical queries in flight at once are sent once (see `process`): only for a subgraph whose
     * queries have no effects. Another's may (cases logs each read of a citizen's number), and each caller's
     * read must reach it.
     */
    private readonly sharesInFlight = false,
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
   * Identical subgraph queries asked at once for callers of one scope (the same headers but the request id:
   * the gateway's secret, the role it vouches for, a department's key) are sent once and the answer shared:
   * a hundred screens opening the dashboard together cost analytics one question. Mutations are never shared.
   */
  private readonly inFlight = new Map<string, Promise<SubgraphResponse>>();

  override async process(options: ProcessOptions): Promise<SubgraphResponse> {
    const key = this.sharesInFlight ? sharingKey(options) : undefined;
    if (!key) return this.reach(options);
    let pending = this.inFlight.get(key);
    if (!pending) {
      pending = this.reach(options).finally(() => this.inFlight.delete(key));
      this.inFlight.set(key, pending);
    }
    // each caller gets a copy of its own (the gateway builds its answer out of the one it is given); the HTTP
    // response it came in, which only its headers are read of, is shared
    const { http, ...answer } = await pending;
    return { ...structuredClone(answer), http };
  }

  /**
   * A subgraph that cannot be reached (down, restarting) fails the fetch before any answer: the error then
   * carries the subgraph's name, so the gateway's masking can tell the client which part is missing.
   */
  private async reach(options: ProcessOptions): Promise<SubgraphResponse> {
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

/** What makes two subgraph requests the same question for the same scope; undefined: never shared. */
function sharingKey(options: ProcessOptions): string | undefined {
  // health checks and schema loading have no incoming operation
  if (!('incomingRequestContext' in options) || options.incomingRequestContext.operation?.operation !== 'query') return undefined;
  const scope = callerScope((options.context as Partial<GatewayContext>).subgraphHeaders ?? {});
  return JSON.stringify([options.request.query, options.request.variables ?? {}, scope]);
}
