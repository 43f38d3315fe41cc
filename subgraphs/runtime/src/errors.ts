import { GraphQLError } from 'graphql';

/** A client's mistake: the request can be fixed and sent again. */
export function userInputError(message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', ...extensions } });
}

export function notFoundError(what: string, id: string): GraphQLError {
  return new GraphQLError(`${what} ${id} does not exist`, { extensions: { code: 'NOT_FOUND', id } });
}

/** A transition the current state does not allow (e.g. signing for a closed assignment). */
export function conflictError(message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'CONFLICT', ...extensions } });
}
