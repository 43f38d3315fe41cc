import { GATEWAY_SECRET_HEADER, ROLE_HEADER, gatewayHeaders, roleFromGateway } from './gatewayTrust';

describe('role headers are trusted only from the gateway', () => {
  const secret = 'the-gateway-secret';

  it('reads the role when the gateway secret comes with it', () => {
    expect(roleFromGateway(gatewayHeaders('ADMIN', secret), secret)).toBe('ADMIN');
    expect(roleFromGateway({ ...gatewayHeaders(' STREET:erqi ', secret) }, secret)).toBe('STREET:erqi');
  });

  it('ignores a role sent without the secret, with a wrong one, or with several', () => {
    expect(roleFromGateway({ [ROLE_HEADER]: 'ADMIN' }, secret)).toBeUndefined();
    expect(roleFromGateway({ [ROLE_HEADER]: 'ADMIN', [GATEWAY_SECRET_HEADER]: 'guess' }, secret)).toBeUndefined();
    expect(roleFromGateway({ [ROLE_HEADER]: 'ADMIN', [GATEWAY_SECRET_HEADER]: `${secret}x` }, secret)).toBeUndefined();
    expect(roleFromGateway({ [ROLE_HEADER]: 'ADMIN', [GATEWAY_SECRET_HEADER]: [secret, secret] }, secret)).toBeUndefined();
    expect(roleFromGateway(undefined, secret)).toBeUndefined();
  });

  it('is anonymous when the gateway vouches for nobody in particular', () => {
    expect(gatewayHeaders(undefined, secret)).toEqual({ [GATEWAY_SECRET_HEADER]: secret });
    expect(roleFromGateway(gatewayHeaders(undefined, secret), secret)).toBeUndefined();
  });

  it('uses the configured secret by default', () => {
    expect(roleFromGateway(gatewayHeaders('SUPERVISOR'))).toBe('SUPERVISOR');
    expect(roleFromGateway(gatewayHeaders('SUPERVISOR', secret))).toBeUndefined();
  });
});
