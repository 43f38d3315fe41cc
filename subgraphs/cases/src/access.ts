import type { AccessRules } from '@huying/runtime';

const STAFF = ['ADMIN', 'COMMAND_CENTRE', 'SUPERVISOR', 'CALLBACK'] as const;

/** Who may ask each root field of the cases subgraph (the README's access table; deny by default). */
export const CASES_ACCESS: AccessRules = {
  'Query.case': STAFF,
  'Query.cases': STAFF,
  'Query.report': STAFF,
  // The category tree is what every client files against; a city may publish it.
  'Query.categories': [...STAFF, 'STREET', 'CITIZEN', 'INTAKE', 'PUBLIC'],
  // The published face of the cases: every signed-in kind of caller, and anyone when the city publishes.
  'Query.serviceRequests': [...STAFF, 'STREET', 'CITIZEN', 'INTAKE', 'PUBLIC'],
  'Query.serviceRequest': [...STAFF, 'STREET', 'CITIZEN', 'INTAKE', 'PUBLIC'],
  'Query.serviceRequestOfReport': [...STAFF, 'STREET', 'CITIZEN', 'INTAKE', 'PUBLIC'],
  'Query.mergeSuggestions': ['ADMIN', 'COMMAND_CENTRE', 'SUPERVISOR'],
  // Intake systems and connectors (their key), and the command centre's seats typing a call in.
  'Mutation.submitReports': ['INTAKE', 'COMMAND_CENTRE', 'ADMIN'],
  // Rewriting the case record is the command centre's.
  'Mutation.confirmMerge': ['COMMAND_CENTRE', 'ADMIN'],
  'Mutation.rejectMerge': ['COMMAND_CENTRE', 'ADMIN'],
  'Mutation.mergeCases': ['COMMAND_CENTRE', 'ADMIN'],
  'Mutation.splitReport': ['COMMAND_CENTRE', 'ADMIN'],
  'Mutation.undoMergeDecision': ['COMMAND_CENTRE', 'ADMIN'],
  'Mutation.correctCategory': ['COMMAND_CENTRE', 'ADMIN'],
};
