import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import type { Logger } from '@huying/runtime';

/** A refusal in the shape every GraphQL client already reads: `{ errors: [{ message, extensions: { code } }] }`. */
export function sendGraphQLError(response: Response, status: number, message: string, code: string, extensions: Record<string, unknown> = {}): void {
  response.status(status).json({ errors: [{ message, extensions: { code, ...extensions } }] });
}

/**
 * The last word on any error in the gateway's express app. express's own answer is an HTML page with the
 * stack trace and the server's file paths; this answers JSON in GraphQL's shape and keeps the detail for
 * the log. The body parser's errors (malformed JSON, a body over HUYING_MAX_BODY) are the client's to fix.
 */
export function jsonErrors(log: Logger): ErrorRequestHandler {
  return (error: unknown, request, response, next) => {
    // Too late for a clean answer: express cuts the connection.
    if (response.headersSent) return next(error);
    const { status, type, limit } = error as { status?: unknown; type?: unknown; limit?: unknown };
    const clientError = typeof status === 'number' && status >= 400 && status < 500;
    if (clientError) log.warn({ status, type, method: request.method, path: request.path, reason: (error as Error).message }, 'refused a request');
    else log.error({ err: error, method: request.method, path: request.path }, 'failed to answer a request');

    if (type === 'entity.parse.failed') return sendGraphQLError(response, 400, 'the request body is not valid JSON', 'BAD_REQUEST');
    if (type === 'entity.too.large') {
      return sendGraphQLError(response, 413, `the request body is larger than the limit of ${String(limit)} bytes (HUYING_MAX_BODY)`, 'PAYLOAD_TOO_LARGE', { limit });
    }
    if (status === 415) return sendGraphQLError(response, 415, "the request body's charset or encoding is not supported", 'BAD_REQUEST');
    if (clientError) return sendGraphQLError(response, status, 'the request is not valid', 'BAD_REQUEST');
    sendGraphQLError(response, 500, 'the gateway could not answer this request', 'INTERNAL_SERVER_ERROR');
  };
}

/** express's default "Cannot GET /x" is an HTML page; a client of this API expects JSON. */
export const notFound: RequestHandler = (_request, response) => sendGraphQLError(response, 404, 'there is nothing at this path', 'NOT_FOUND');
