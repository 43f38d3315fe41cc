import { ApolloServer } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { asGraphQLError, conflictError, DomainError, userInputError } from './errors';

describe('domain errors as the client reads them', () => {
  it('keeps the code, message and details of a domain error, and leaves any other error alone', () => {
    const formatted = { message: 'Unexpected error.', path: ['signAssignment'], extensions: { code: 'INTERNAL_SERVER_ERROR' } };
    expect(asGraphQLError(formatted, conflictError('the assignment is RESOLVED', { state: 'RESOLVED' }))).toEqual({
      message: 'the assignment is RESOLVED',
      path: ['signAssignment'],
      extensions: { code: 'CONFLICT', state: 'RESOLVED' },
    });
    expect(asGraphQLError(formatted, new Error('a bug'))).toBe(formatted);
  });

  it('reaches a client through a server as BAD_USER_INPUT with its field, thrown or returned', async () => {
    const server = new ApolloServer({
      typeDefs: 'type Query { thrown: Int, listed: [Int] }',
      resolvers: { Query: { thrown: () => { throw userInputError('first must be positive', { field: 'first' }); }, listed: () => [1, userInputError('no', { field: 'x' })] } },
      formatError: (formatted, error) => asGraphQLError(formatted, unwrapResolverError(error)),
    });
    const answer = await server.executeOperation({ query: '{ thrown listed }' });
    const errors = answer.body.kind === 'single' ? answer.body.singleResult.errors : [];
    expect(errors).toEqual([
      expect.objectContaining({ message: 'first must be positive', path: ['thrown'], extensions: { code: 'BAD_USER_INPUT', field: 'first' } }),
      expect.objectContaining({ message: 'no', path: ['listed', 1], extensions: { code: 'BAD_USER_INPUT', field: 'x' } }),
    ]);
    expect(userInputError('x')).toBeInstanceOf(DomainError);
  });
});
