import { hashOperatorToken, mintOperatorToken, type Operator } from '@huying/gateway';

/** The roles tests sign in as; each gets a fresh token per test file. */
const TEST_ROLES = ['ADMIN', 'COMMAND_CENTRE', 'SUPERVISOR', 'CALLBACK', 'CITIZEN', 'INTAKE:test-system', 'DISTRICT_OPERATOR', 'STREET:erqi'] as const;
export type TestRole = (typeof TEST_ROLES)[number];

const tokens = new Map<TestRole, string>(TEST_ROLES.map((role) => [role, mintOperatorToken()]));

/** The operators a test hub's gateway knows: one per test role. */
export function testOperators(): Operator[] {
  return TEST_ROLES.map((role) => ({
    id: `test-${role.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`,
    name: `测试 ${role}`,
    role,
    tokenSha256: hashOperatorToken(tokens.get(role)!),
  }));
}

/** Headers of an operator signed in at the gateway in `role`, as a real client sends them. */
export function asOperator(role: TestRole): Record<string, string> {
  return { authorization: `Bearer ${tokens.get(role)!}` };
}
