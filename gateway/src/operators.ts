import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { z } from 'zod';

/**
 * A person who signs in to the graph (command centre, supervisor, admin, a street office): the gateway
 * turns their token into the role the subgraphs act on. Only the token's SHA-256 is ever stored.
 */
export interface Operator {
  id: string;
  name: string;
  /** `COMMAND_CENTRE`, `SUPERVISOR`, `ADMIN`, `CITIZEN`, `STREET:<streetId>`… as the subgraphs read it. */
  role: string;
  tokenSha256: string;
}

/** Tokens minted here start with this, so the gateway can tell a wrong operator token from a department key. */
export const OPERATOR_TOKEN_PREFIX = 'hyop_';

// A role is an upper-case name, optionally scoped (`STREET:erqi`); the subgraphs decide what each may do.
const ROLE_PATTERN = /^[A-Z][A-Z_]*(:[A-Za-z0-9_-]+)?$/;

const operatorsFileSchema = z.object({
  description: z.string().optional(),
  operators: z
    .array(
      z.object({
        id: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, 'lower-case letters, digits, ".", "_" or "-"'),
        name: z.string().trim().min(1),
        role: z.string().regex(ROLE_PATTERN, 'an upper-case role such as ADMIN, COMMAND_CENTRE or STREET:<streetId>'),
        tokenSha256: z.string().regex(/^[0-9a-f]{64}$/, 'the hex SHA-256 of the token (`npm run operator-token -w @huying/gateway`)'),
      }),
    )
    .superRefine((operators, issues) => {
      const seen = { id: new Set<string>(), tokenSha256: new Set<string>() };
      operators.forEach((operator, index) => {
        for (const field of ['id', 'tokenSha256'] as const) {
          if (seen[field].has(operator[field])) issues.addIssue({ code: 'custom', path: [index, field], message: `${field} is used twice` });
          seen[field].add(operator[field]);
        }
      });
    }),
});

export function hashOperatorToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** A new operator token; hand it to the person once and keep only its hash in the operators file. */
export function mintOperatorToken(): string {
  return `${OPERATOR_TOKEN_PREFIX}${randomBytes(24).toString('base64url')}`;
}

/** Checks an operators file's content; every problem is named with its path. */
export function parseOperators(content: unknown, source: string): Operator[] {
  const parsed = operatorsFileSchema.safeParse(content);
  if (!parsed.success) {
    const where = (path: readonly PropertyKey[]) => path.map((part, index) => (typeof part === 'number' ? `[${part}]` : `${index ? '.' : ''}${String(part)}`)).join('');
    const problems = parsed.error.issues.map((issue) => `- ${where(issue.path) || '(file)'}: ${issue.message}`);
    throw new Error(`${source} is not a valid operators file:\n${problems.join('\n')}`);
  }
  return parsed.data.operators;
}

export function readOperatorsFile(path: string): Operator[] {
  let content: unknown;
  try {
    content = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`cannot read the operators file ${path}: ${(error as Error).message}`);
  }
  return parseOperators(content, path);
}

/** Finds the operator a token belongs to, by its hash. */
export class OperatorDirectory {
  private readonly byHash: ReadonlyMap<string, Operator>;

  constructor(operators: readonly Operator[]) {
    this.byHash = new Map(operators.map((operator) => [operator.tokenSha256, operator]));
  }

  operatorOfToken(token: string): Operator | undefined {
    return this.byHash.get(hashOperatorToken(token));
  }

  get size(): number {
    return this.byHash.size;
  }
}
