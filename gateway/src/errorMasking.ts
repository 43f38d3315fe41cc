import { unwrapResolverError } from '@apollo/server/errors';
import type { Logger } from '@huying/runtime';
import type { GraphQLFormattedError } from 'graphql';

/**
 * Codes whose message is written for the client: the domain's own refusals (the subgraphs' typed errors),
 * the gateway's limits and Apollo's answers about the request itself. Any other error — a subgraph that
 * cannot be reached, answers garbage or fails inside — says things like "request to
 * http://127.0.0.1:41234/graphql failed" or a database's words, which are for the operator's log.
 */
const CLIENT_CODES = new Set([
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'CONFLICT',
  'FORBIDDEN',
  'UNAUTHENTICATED',
  'RATE_LIMITED',
  'PAYLOAD_TOO_LARGE',
  'BAD_REQUEST',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

// What a data source attaches about the subgraph's HTTP answer (its URL and body) and what Apollo would
// attach in development (a stack trace): never for a client, even on an error that is the client's own.
const INTERNAL_EXTENSIONS = ['response', 'stacktrace', 'exception'];

export const MASKED_MESSAGE = 'the hub could not answer this part of the request (the cause is in the gateway log)';

/** The gateway's `formatError`: client errors pass with their message; every other one is masked and logged whole. */
export function maskInternalErrors(log: Logger): (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError {
  return (formatted, error) => {
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && CLIENT_CODES.has(code)) {
      if (!INTERNAL_EXTENSIONS.some((key) => key in (formatted.extensions ?? {}))) return formatted;
      const extensions = Object.fromEntries(Object.entries(formatted.extensions ?? {}).filter(([key]) => !INTERNAL_EXTENSIONS.includes(key)));
      return { ...formatted, extensions };
    }
    const serviceName = formatted.extensions?.serviceName;
    log.error({ err: unwrapResolverError(error), code, path: formatted.path, serviceName }, 'masked an internal error: %s', formatted.message);
    // The part of the hub that failed is named (as /health names it), never how it is reached.
    const part = typeof serviceName === 'string' && /^[a-z][a-z-]*$/.test(serviceName) ? serviceName : null;
    return {
      message: part ? `the ${part} service could not answer this part of the request (the cause is in the gateway log)` : MASKED_MESSAGE,
      ...(formatted.locations ? { locations: formatted.locations } : {}),
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: { code: 'INTERNAL_SERVER_ERROR', ...(part ? { serviceName: part } : {}) },
    };
  };
}
