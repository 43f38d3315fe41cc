import { GATEWAY_SECRET_HEADER, gatewayHeaders } from '@huying/runtime';
import { GraphQLError } from 'graphql';
import { OPERATOR_TOKEN_PREFIX, type Operator, type OperatorDirectory } from './operators';

type IncomingHeaders = Record<string, string | string[] | undefined>;

/** Who is calling the gateway, as far as the subgraphs need to know. */
export interface GatewayCaller {
  /** Set when the caller signed in with an operator token. */
  operator?: Operator;
  /** A credential the gateway does not own (a department key): passed to dispatch untouched. */
  authorization?: string;
  requestId?: string;
}

/**
 * An operator token becomes the operator; any other `Authorization` (a department key) passes through.
 * Whatever role or gateway secret the client sends itself is never looked at.
 */
export function identifyCaller(headers: IncomingHeaders, operators: OperatorDirectory): GatewayCaller {
  const authorization = single(headers.authorization)?.trim();
  const requestId = single(headers['x-request-id']);
  const token = authorization ? /^Bearer\s+(\S+)$/i.exec(authorization)?.[1] : undefined;
  const operator = token ? operators.operatorOfToken(token) : undefined;
  if (operator) return { operator, requestId };
  if (token?.startsWith(OPERATOR_TOKEN_PREFIX)) {
    throw new GraphQLError('the operator token is not valid (unknown or withdrawn)', {
      extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
    });
  }
  return { authorization: authorization || undefined, requestId };
}

/** The headers every subgraph request of this caller carries: the gateway's secret, and the role it vouches for. */
export function subgraphHeadersOf(caller: GatewayCaller, gatewaySecret: string): Record<string, string> {
  return {
    ...gatewayHeaders(caller.operator?.role, gatewaySecret),
    ...(caller.authorization ? { authorization: caller.authorization } : {}),
    ...(caller.requestId ? { 'x-request-id': caller.requestId } : {}),
  };
}

function single(value: string | string[] | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/**
 * What decides which answers a caller may be given, from the headers the gateway sends for them: everything
 * but the request's id and the gateway's own secret, the same for all (the role it vouches for, a
 * department's key). Two callers of one scope may share an answer; no others.
 */
export function callerScope(subgraphHeaders: Record<string, string>): string {
  const { 'x-request-id': _requestId, [GATEWAY_SECRET_HEADER]: _secret, ...scope } = subgraphHeaders;
  return JSON.stringify(Object.entries(scope).sort(([a], [b]) => a.localeCompare(b)));
}
