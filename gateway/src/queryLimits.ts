import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { GraphQLError, type ParseOptions, type ValidationContext, type ValidationRule } from 'graphql';
import type { GatewayLimits } from './config';

type ArmorConfig = NonNullable<ConstructorParameters<typeof ApolloArmor>[0]>;
type RejectCallback = (context: ValidationContext | null, error: GraphQLError) => void;

export interface QueryLimits {
  plugins: ApolloServerPlugin[];
  validationRules: ValidationRule[];
  parseOptions: ParseOptions;
}

/**
 * What a GraphQL document may ask: depth, aliases, cost and directives (graphql-armor's validation rules)
 * and tokens (graphql-js's own parser limit). Every one is checked before the query is planned, so a
 * refused document costs no subgraph a thing and its answer has no `data`. A limit of 0 is off. Outside
 * development the "Did you mean …" hints are hidden too: with introspection off they would otherwise
 * spell out the schema one guess at a time.
 */
export function queryLimits(limits: GatewayLimits, development: boolean): QueryLimits {
  const armor = new ApolloArmor({
    maxDepth: { enabled: limits.maxDepth > 0, n: limits.maxDepth, ...refusal('HUYING_MAX_DEPTH') },
    maxAliases: { enabled: limits.maxAliases > 0, n: limits.maxAliases, ...refusal('HUYING_MAX_ALIASES') },
    // armor's token counter throws from an Apollo plugin hook, which Apollo Server 5 answers with a 500; the
    // parser's own maxTokens stops at the same count with a 400 GRAPHQL_PARSE_FAILED, and parses only once.
    maxTokens: { enabled: false },
    costLimit: { enabled: limits.maxCost > 0, maxCost: limits.maxCost, ...refusal('HUYING_MAX_COST') },
    maxDirectives: { enabled: limits.maxDirectives > 0, n: limits.maxDirectives, ...refusal('HUYING_MAX_DIRECTIVES') },
    // armor's own hint remover misses enum values ("Did you mean the enum value …?"); hideSuggestions covers all.
    blockFieldSuggestion: { enabled: false },
  } satisfies ArmorConfig).protect();
  return {
    plugins: [...armor.plugins, ...(development ? [] : [hideSuggestions])],
    validationRules: armor.validationRules,
    parseOptions: limits.maxTokens > 0 ? { maxTokens: limits.maxTokens } : {},
  };
}

/**
 * How a rule refuses: its own message (without armor's misleading "Syntax Error: ") plus the setting that
 * refused, so a client sees which limit to stay under (Apollo gives every validation error the code
 * GRAPHQL_VALIDATION_FAILED). Reported to the validation context: a 400 with no `data`, never a throw.
 */
function refusal(setting: string): { propagateOnRejection: false; onReject: RejectCallback[] } {
  const report: RejectCallback = (context, error) =>
    context?.reportError(new GraphQLError(error.message.replace(/^Syntax Error: /, ''), { extensions: { limit: setting } }));
  return { propagateOnRejection: false, onReject: [report] };
}

const hideSuggestions: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async didEncounterErrors({ errors }) {
        for (const error of errors) error.message = error.message.replace(/ ?Did you mean [^?]*\?/g, '');
      },
    };
  },
};
