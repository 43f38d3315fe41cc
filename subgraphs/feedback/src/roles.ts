import { forbiddenError, ROLE_HEADER, type DomainError } from '@huying/runtime';

/**
 * Who is asking, from the `x-huying-role` header the gateway vouches for (with its secret; see `roleFromGateway`):
 *   `x-huying-role: CITIZEN`            a reporter, signed in through a citizen app's token
 *   `x-huying-role: CALLBACK`           a 回访 agent recording what the reporter said on the phone: rates as the citizen
 *   `x-huying-role: STREET:<streetId>`  a street office (街道), e.g. `STREET:erqi` (case-insensitive)
 * Who may evaluate at all is the access rule's (`access.ts`); this only says as whom.
 * 谁呼谁评、谁应评谁: a citizen rates the case; a street rates the department that answered its whistle.
 */
export type Rater = { kind: 'CITIZEN' } | { kind: 'STREET'; streetId: string };

export { ROLE_HEADER };

export function raterFromHeader(value: string | string[] | undefined): Rater | DomainError {
  const role = (Array.isArray(value) ? value[0] : value)?.trim();
  if (!role || role.toLowerCase() === 'citizen' || role.toLowerCase() === 'callback') return { kind: 'CITIZEN' };
  const street = /^street:(\S+)$/i.exec(role);
  if (street) return { kind: 'STREET', streetId: street[1]! };
  return forbiddenError(`unknown role "${role}" in ${ROLE_HEADER}: use "CITIZEN", "CALLBACK" or "STREET:<streetId>"`);
}
