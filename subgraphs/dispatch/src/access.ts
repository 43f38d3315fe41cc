import type { AccessRules } from '@huying/runtime';

const COMMAND = ['ADMIN', 'COMMAND_CENTRE'] as const;
const OPERATORS = ['ADMIN', 'COMMAND_CENTRE', 'SUPERVISOR'] as const;

/**
 * Who may ask each root field of the dispatch subgraph (the README's access table; deny by default).
 * A DEPARTMENT is a department system's key; the resolvers keep each department to its own assignments.
 */
export const DISPATCH_ACCESS: AccessRules = {
  'Query.department': [...OPERATORS, 'CALLBACK', 'STREET', 'DEPARTMENT', 'PUBLIC'],
  'Query.departments': [...OPERATORS, 'CALLBACK', 'STREET', 'DEPARTMENT', 'PUBLIC'],
  'Query.assignment': [...OPERATORS, 'DEPARTMENT'],
  'Query.myAssignments': ['DEPARTMENT'],
  'Query.assignmentEvents': [...OPERATORS, 'DEPARTMENT'],
  'Query.supervisionQueue': OPERATORS,
  'Query.webhooks': [...COMMAND, 'DEPARTMENT'],
  'Mutation.dispatchCase': COMMAND,
  'Mutation.runSupervisionSweep': OPERATORS,
  // A department handles its own; the command centre may act for one (首问负责).
  'Mutation.signAssignment': [...COMMAND, 'DEPARTMENT'],
  'Mutation.reportProgress': [...COMMAND, 'DEPARTMENT'],
  'Mutation.resolveAssignment': [...COMMAND, 'DEPARTMENT'],
  'Mutation.verifyAssignment': COMMAND,
  // 督办: a supervisor pushes a case up as well as the department that cannot handle it.
  'Mutation.escalateAssignment': [...OPERATORS, 'DEPARTMENT'],
  'Mutation.reassignAssignment': COMMAND,
  'Mutation.setCaseDeadline': COMMAND,
  'Mutation.issueDepartmentKey': COMMAND,
  'Mutation.registerWebhook': [...COMMAND, 'DEPARTMENT'],
  'Mutation.removeWebhook': [...COMMAND, 'DEPARTMENT'],
};
