import type { AccessRules } from '@huying/runtime';

/** Who may ask each root field of the feedback subgraph (the README's access table; deny by default). */
export const FEEDBACK_ACCESS: AccessRules = {
  'Query.evaluations': ['ADMIN', 'COMMAND_CENTRE', 'SUPERVISOR', 'CALLBACK'],
  'Query.pendingCallbacks': ['ADMIN', 'COMMAND_CENTRE', 'CALLBACK'],
  'Query.evaluationRollup': ['ADMIN', 'COMMAND_CENTRE', 'SUPERVISOR', 'STREET', 'PUBLIC'],
  // 谁呼谁评: the citizen in the app, or the 回访 agent recording what the citizen said on the phone.
  'Mutation.evaluateCase': ['CITIZEN', 'CALLBACK'],
  // 谁应评谁: the street whose whistle the department answered.
  'Mutation.evaluateDepartment': ['STREET'],
};
