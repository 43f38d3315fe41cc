import type { AccessRules } from '@huying/runtime';

const READERS = ['ADMIN', 'COMMAND_CENTRE', 'SUPERVISOR', 'STREET'] as const;

/** Who may ask each root field of the analytics subgraph (the README's access table; deny by default). */
export const ANALYTICS_ACCESS: AccessRules = {
  // Aggregates hold no one's data: a city may publish them (HUYING_PUBLISH).
  'Query.kpis': [...READERS, 'PUBLIC'],
  'Query.trends': [...READERS, 'PUBLIC'],
  'Query.hotspots': [...READERS, 'PUBLIC'],
  'Query.monthlyProblems': [...READERS, 'PUBLIC'],
  // Who may read the aggregates may know when they change.
  'Query.readModelVersion': [...READERS, 'PUBLIC'],
  // Points of single open cases are the command centre's working map, not open data.
  'Query.openCaseMap': ['ADMIN', 'COMMAND_CENTRE', 'SUPERVISOR'],
  'Query.auditLog': ['ADMIN'],
  // Alerts point at single places and cases: the command centre's, not open data; it alone decides them.
  'Query.alerts': ['ADMIN', 'COMMAND_CENTRE', 'SUPERVISOR'],
  'Query.alertOutcomes': ['ADMIN', 'COMMAND_CENTRE', 'SUPERVISOR'],
  'Query.alertChanges': ['ADMIN', 'COMMAND_CENTRE', 'SUPERVISOR'],
  'Mutation.acknowledgeAlert': ['ADMIN', 'COMMAND_CENTRE'],
  'Mutation.dismissAlert': ['ADMIN', 'COMMAND_CENTRE'],
};
