import type { AccessRules } from '@huying/runtime';

/** Who may ask each root field of the connectors subgraph (the README's access table; deny by default). */
export const CONNECTORS_ACCESS: AccessRules = {
  'Query.connectors': ['ADMIN', 'COMMAND_CENTRE', 'SUPERVISOR'],
  // A dead letter is a raw legacy record: masked in the graph except to ADMIN, who fixes mappings.
  'Query.deadLetters': ['ADMIN', 'COMMAND_CENTRE'],
  'Mutation.retryDeadLetter': ['ADMIN', 'COMMAND_CENTRE'],
  // A backfill: an admin at the console, or an intake system with its key.
  'Mutation.ingestLegacyRecords': ['ADMIN', 'INTAKE'],
};
