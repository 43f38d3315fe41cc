import { defaultFieldResolver, GraphQLError, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import { settings } from './config';
import { carriesGatewaySecret, claimedRole } from './gatewayTrust';

/**
 * Who may ask what. Every root field of every subgraph names its audiences in the subgraph's `access.ts`;
 * a field without a rule answers nobody (deny by default). The table in the README is this vocabulary:
 *
 *   ADMIN, COMMAND_CENTRE, SUPERVISOR  people of the command centre (operator tokens at the gateway)
 *   CALLBACK                           回访 agents: the one role that reads a reporter's number in clear
 *   STREET                             a street office, `STREET:<streetId>` (谁应评谁)
 *   CITIZEN                            a citizen app signed in with its token (一事一评)
 *   INTAKE                             an intake system or connector, `INTAKE:<systemId>` (submits reports)
 *   DEPARTMENT                         a department system's key (dispatch checks it; sees only its own)
 *   PUBLIC                             anyone, but only when the city publishes open data (HUYING_PUBLISH)
 *   GATEWAY                            the gateway itself or a sibling service (the internal secret, any role)
 */
export const AUDIENCES = [
  'ADMIN',
  'COMMAND_CENTRE',
  'SUPERVISOR',
  'CALLBACK',
  'STREET',
  'CITIZEN',
  'INTAKE',
  'DEPARTMENT',
  'PUBLIC',
  'GATEWAY',
] as const;
export type Audience = (typeof AUDIENCES)[number];

/** `Query.cases` → who may ask it. */
export type AccessRules = Readonly<Record<string, readonly Audience[]>>;

/** The caller of one request. `role` is the role's name without its scope (`STREET`, not `STREET:erqi`). */
export interface Caller {
  role: string | null;
  /** The scope of a scoped role: a street id, an intake system id, a department id. */
  scope?: string;
  /** The request carried the gateway's secret: it comes through the gateway or from a sibling service. */
  viaGateway: boolean;
}

export const ANONYMOUS: Caller = { role: null, viaGateway: false };

/** The caller as the gateway vouches for it; a role header without the secret is nobody. */
export function callerFromHeaders(headers: Record<string, string | string[] | undefined> | undefined, secret = settings.gatewaySecret): Caller {
  // One check of the secret (a digest comparison) per request, then the role beside it.
  const viaGateway = carriesGatewaySecret(headers, secret);
  const claimed = viaGateway ? claimedRole(headers) : undefined;
  if (!claimed) return { role: null, viaGateway };
  const [role, ...scope] = claimed.split(':');
  return { role: role!.toUpperCase(), scope: scope.length ? scope.join(':') : undefined, viaGateway };
}

/** The caller's role as the gateway writes it (`STREET:erqi`), or undefined for nobody. */
export function roleOf(caller: Caller): string | undefined {
  return caller.role === null ? undefined : caller.scope ? `${caller.role}:${caller.scope}` : caller.role;
}

/** Whether `caller` is one of `audiences`. */
export function mayAsk(caller: Caller, audiences: readonly Audience[], publish = settings.publishOpenData): boolean {
  if (audiences.includes('PUBLIC') && publish) return true;
  if (audiences.includes('GATEWAY') && caller.viaGateway) return true;
  return caller.role !== null && (audiences as readonly string[]).includes(caller.role) && caller.role !== 'PUBLIC' && caller.role !== 'GATEWAY';
}

/**
 * The error a refused caller gets: UNAUTHENTICATED without a role, FORBIDDEN with the wrong one;
 * `extensions.accessRule` names the rule that refused (`Query.cases`).
 */
export function refusal(caller: Caller, what: string): GraphQLError {
  if (caller.role === null) {
    return new GraphQLError(`${what} needs a signed-in caller (Authorization: Bearer <token>)`, {
      extensions: { code: 'UNAUTHENTICATED', accessRule: what },
    });
  }
  return new GraphQLError(`${caller.role} may not use ${what}`, { extensions: { code: 'FORBIDDEN', role: caller.role, accessRule: what } });
}

/** The federation's own root fields: only the gateway resolves entities or reads the SDL. */
const FEDERATION_RULES: AccessRules = { 'Query._entities': ['GATEWAY'], 'Query._service': ['GATEWAY'] };

/** Every root field of the schema with the rule it falls under (undefined: no rule, so nobody). */
export function rootFieldRules(schema: GraphQLSchema, rules: AccessRules): Map<string, readonly Audience[] | undefined> {
  const all = { ...FEDERATION_RULES, ...rules };
  const fields = new Map<string, readonly Audience[] | undefined>();
  for (const type of [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]) {
    for (const name of Object.keys(type?.getFields() ?? {})) fields.set(`${type!.name}.${name}`, all[`${type!.name}.${name}`]);
  }
  return fields;
}

/**
 * Puts every root field of `schema` behind its rule, in place. `callerOf` reads the request's caller from
 * the context. Returns the fields that have no rule (they refuse everyone; the service logs them).
 */
export function guardRootFields<Context>(
  schema: GraphQLSchema,
  rules: AccessRules,
  callerOf: (context: Context) => Caller | Promise<Caller>,
): string[] {
  const unruled: string[] = [];
  const known = rootFieldRules(schema, rules);
  for (const key of Object.keys(rules)) {
    if (!known.has(key)) throw new Error(`access rule for ${key}, which is not a root field of this schema`);
  }
  for (const type of [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]) {
    if (!type) continue;
    for (const field of Object.values(type.getFields())) {
      const key = `${type.name}.${field.name}`;
      const audiences = known.get(key) ?? [];
      if (!known.get(key)) unruled.push(key);
      const resolve: GraphQLFieldResolver<unknown, Context> = field.resolve ?? defaultFieldResolver;
      field.resolve = async (parent, args, context, info) => {
        const caller = await callerOf(context);
        if (!mayAsk(caller, audiences)) throw refusal(caller, key);
        return resolve(parent, args, context, info);
      };
      if (field.subscribe) {
        const subscribe = field.subscribe;
        field.subscribe = async (parent, args, context, info) => {
          const caller = await callerOf(context as Context);
          if (!mayAsk(caller, audiences)) throw refusal(caller, key);
          return subscribe(parent, args, context, info);
        };
      }
    }
  }
  return unruled;
}
