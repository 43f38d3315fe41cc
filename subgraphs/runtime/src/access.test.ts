import { buildSchema, graphql } from 'graphql';
import { callerFromHeaders, guardRootFields, mayAsk, type Caller } from './access';
import { gatewayHeaders } from './gatewayTrust';

const SECRET = 'test-secret';
const schema = () =>
  buildSchema(`
    type Query { open: Int, staffOnly: Int, forgotten: Int }
    type Mutation { merge: Int }
  `);
const root = { open: () => 1, staffOnly: () => 2, forgotten: () => 3, merge: () => 4 };

async function ask(query: string, caller: Caller) {
  const guarded = schema();
  guardRootFields(guarded, { 'Query.open': ['PUBLIC', 'CITIZEN'], 'Query.staffOnly': ['COMMAND_CENTRE'], 'Mutation.merge': ['ADMIN'] }, () => caller);
  for (const type of [guarded.getQueryType()!, guarded.getMutationType()!]) {
    for (const field of Object.values(type.getFields())) {
      const inner = field.resolve!;
      field.resolve = (parent, args, context, info) => inner(root, args, context, info);
    }
  }
  return graphql({ schema: guarded, source: query, rootValue: root });
}

describe('access rules on root fields', () => {
  const citizen: Caller = { role: 'CITIZEN', viaGateway: true };
  const anonymous: Caller = { role: null, viaGateway: false };

  it('answers a role its rule names, and refuses the others with a typed error naming the rule', async () => {
    expect((await ask('{ open }', citizen)).data).toEqual({ open: 1 });
    const refused = await ask('{ staffOnly }', citizen);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', accessRule: 'Query.staffOnly' });
    expect((await ask('mutation { merge }', anonymous)).errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', accessRule: 'Mutation.merge' });
  });

  it('refuses everyone a root field without a rule (deny by default), and names it', async () => {
    const unruled = guardRootFields(schema(), { 'Query.open': ['CITIZEN'] }, () => citizen);
    expect(unruled.sort()).toEqual(['Mutation.merge', 'Query.forgotten', 'Query.staffOnly']);
    expect((await ask('{ forgotten }', { role: 'ADMIN', viaGateway: true })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('refuses a rule for a field the schema does not have (a typo would otherwise guard nothing)', () => {
    expect(() => guardRootFields(schema(), { 'Query.opne': ['CITIZEN'] }, () => citizen)).toThrow(/Query.opne/);
  });

  it('lets anonymous callers read PUBLIC fields only when the city publishes', () => {
    expect(mayAsk(anonymous, ['PUBLIC', 'ADMIN'], false)).toBe(false);
    expect(mayAsk(anonymous, ['PUBLIC', 'ADMIN'], true)).toBe(true);
    // A token whose role is literally PUBLIC or GATEWAY gains nothing by the name.
    expect(mayAsk({ role: 'GATEWAY', viaGateway: false }, ['GATEWAY'], false)).toBe(false);
    expect(mayAsk({ role: 'PUBLIC', viaGateway: true }, ['PUBLIC'], false)).toBe(false);
  });

  it('takes a role, with its scope, only from a request carrying the gateway secret', () => {
    expect(callerFromHeaders(gatewayHeaders('STREET:erqi', SECRET), SECRET)).toEqual({ role: 'STREET', scope: 'erqi', viaGateway: true });
    expect(callerFromHeaders({ 'x-huying-role': 'ADMIN' }, SECRET)).toEqual({ role: null, viaGateway: false });
    expect(callerFromHeaders(gatewayHeaders(undefined, SECRET), SECRET)).toEqual({ role: null, viaGateway: true });
  });
});
