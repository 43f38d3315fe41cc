import { createHash, randomBytes } from 'node:crypto';
import { recordAudit, roleFromGateway, unauthenticatedError, type Clock, type Database, type Sql } from '@huying/runtime';
import type { Actor } from './dispatcher';
import { DISPATCH_SCHEMA } from './model';
import type { OrgChart } from './orgChart';
import * as store from './store';

/** Roles a person reaches dispatch in, as the gateway vouches for them (`x-huying-role` with its secret). */
export const OPERATOR_ROLES = ['COMMAND_CENTRE', 'SUPERVISOR', 'ADMIN'] as const;

export function hashDepartmentKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** A new department key: shown once to whoever issued it; dispatch keeps only its hash. */
export async function issueDepartmentKey(db: Database, clock: Clock, departmentId: string, issuedBy: string): Promise<string> {
  const key = `hy_${departmentId}_${randomBytes(24).toString('base64url')}`;
  const now = clock.now();
  await db.transaction(async (tx) => {
    await store.insertDepartmentKey(tx, hashDepartmentKey(key), departmentId, now);
    // The key itself never: only that one was issued, to whom, by whom.
    await recordAudit(tx, DISPATCH_SCHEMA, { action: 'issueDepartmentKey', subjectType: 'Department', subjectId: departmentId, actor: issuedBy, before: null, after: { departmentId } }, now);
  });
  return key;
}

/**
 * Who is asking: `Authorization: Bearer <department key>` is a department system; otherwise the role the
 * gateway vouches for (a role header without the gateway's secret is ignored); otherwise nobody (null). A key that matches nothing is an error, never anonymous.
 */
export async function actorOfRequest(
  db: Sql,
  org: OrgChart,
  headers: Record<string, string | string[] | undefined>,
): Promise<Actor | null> {
  const authorization = typeof headers.authorization === 'string' ? headers.authorization.trim() : '';
  if (authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    if (!match) throw unauthenticatedError('Authorization must be "Bearer <department key>"');
    const hash = hashDepartmentKey(match[1]!);
    const configured = org.file.departmentKeys.find((entry) => entry.sha256 === hash)?.department;
    const departmentId = configured ?? (await store.departmentOfKeyHash(db, hash));
    const department = departmentId ? org.department(departmentId) : undefined;
    if (!department) throw unauthenticatedError('the department key is not valid (unknown or revoked)');
    return { kind: 'department', department };
  }
  const role = roleFromGateway(headers)?.toUpperCase() ?? '';
  if (role && (OPERATOR_ROLES as readonly string[]).includes(role)) return { kind: 'operator', role };
  return null;
}
