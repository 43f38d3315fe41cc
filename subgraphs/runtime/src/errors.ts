import type { GraphQLFormattedError } from 'graphql';

export type DomainErrorCode = 'BAD_USER_INPUT' | 'NOT_FOUND' | 'CONFLICT' | 'FORBIDDEN' | 'UNAUTHENTICATED';

/**
 * What a workflow refuses, in the domain's terms: its code and details (`field`, `state`, `id` …). Workflows
 * throw (or return) these and know nothing of GraphQL; the serving layer turns each into the GraphQL error
 * a client reads, in one place (`asGraphQLError`).
 */
export class DomainError extends Error {
  readonly extensions: { code: DomainErrorCode } & Record<string, unknown>;

  constructor(code: DomainErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = 'DomainError';
    this.extensions = { ...details, code };
  }

  get code(): DomainErrorCode {
    return this.extensions.code;
  }
}

/** A client's mistake: the request can be fixed and sent again. */
export function userInputError(message: string, details: Record<string, unknown> = {}): DomainError {
  return new DomainError('BAD_USER_INPUT', message, details);
}

export function notFoundError(what: string, id: string): DomainError {
  return new DomainError('NOT_FOUND', `${what} ${id} does not exist`, { id });
}

/** A transition the current state does not allow (e.g. signing for a closed assignment). */
export function conflictError(message: string, details: Record<string, unknown> = {}): DomainError {
  return new DomainError('CONFLICT', message, details);
}

/** The caller is known but may not do this (another department's assignment). */
export function forbiddenError(message: string, details: Record<string, unknown> = {}): DomainError {
  return new DomainError('FORBIDDEN', message, details);
}

/** The credential is missing or matches nobody. */
export function unauthenticatedError(message: string): DomainError {
  return new DomainError('UNAUTHENTICATED', message);
}

/** The one mapping from a domain error to what the client reads: its message, code and details, at its path. */
export function asGraphQLError(formatted: GraphQLFormattedError, original: unknown): GraphQLFormattedError {
  if (!(original instanceof DomainError)) return formatted;
  return { ...formatted, message: original.message, extensions: { ...original.extensions } };
}
