import { GraphQLScalarType, valueFromASTUntyped } from 'graphql';

/**
 * `ReportInput.receivedAt`: a time with its zone, as the text the channel sent. A DateTime would check
 * it while the request is read, where one impossible date fails the whole batch (and, written inline,
 * fails at the subgraph behind the gateway's back). This scalar takes the value as it comes and leaves
 * it to `validateReport`, which refuses that one report (`reports[i].receivedAt`): an impossible time,
 * a time without a zone, or a value that is not text at all.
 */
export const DateTimeStringScalar = new GraphQLScalarType<unknown, string>({
  name: 'DateTimeString',
  parseValue: (value) => value,
  parseLiteral: (ast, variables) => valueFromASTUntyped(ast, variables),
  serialize(value) {
    if (value instanceof Date) return value.toISOString();
    if (typeof value === 'string') return value;
    throw new TypeError('DateTimeString answers only text or a Date');
  },
});
