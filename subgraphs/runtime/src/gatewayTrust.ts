import { createHash, timingSafeEqual } from 'node:crypto';
import { settings } from './config';

/** The role the gateway vouches for: `COMMAND_CENTRE`, `SUPERVISOR`, `ADMIN`, `STREET:<streetId>`, `CITIZEN`… */
export const ROLE_HEADER = 'x-huying-role';
/** The internal secret only the gateway knows; a role header without it is a claim nobody checked. */
export const GATEWAY_SECRET_HEADER = 'x-huying-gateway';

type IncomingHeaders = Record<string, string | string[] | undefined>;

/**
 * The caller's role, when the request carries the gateway's secret; otherwise undefined, whatever role
 * the caller claims (someone reaching a subgraph directly is anonymous, never trusted).
 */
export function roleFromGateway(headers: IncomingHeaders | undefined, secret: string = settings.gatewaySecret): string | undefined {
  return carriesGatewaySecret(headers, secret) ? claimedRole(headers) : undefined;
}

/** The role header as sent, trimmed; trusted only beside the gateway's secret (callers check that first). */
export function claimedRole(headers: IncomingHeaders | undefined): string | undefined {
  const role = headers?.[ROLE_HEADER];
  return typeof role === 'string' && role.trim() ? role.trim() : undefined;
}

/** The request carries the gateway's secret: it comes through the gateway or from a sibling service. */
export function carriesGatewaySecret(headers: IncomingHeaders | undefined, secret: string = settings.gatewaySecret): boolean {
  const sent = headers?.[GATEWAY_SECRET_HEADER];
  return typeof sent === 'string' && sameSecret(sent, secret);
}

/** The headers with which the gateway (or a test standing in for it) speaks for a caller of `role`. */
export function gatewayHeaders(role: string | undefined, secret: string = settings.gatewaySecret): Record<string, string> {
  return { [GATEWAY_SECRET_HEADER]: secret, ...(role ? { [ROLE_HEADER]: role } : {}) };
}

// Digests first so the comparison takes the same time whatever the lengths.
function sameSecret(sent: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(sent), digest(expected));
}
