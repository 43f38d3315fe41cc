import { GATEWAY_SECRET_HEADER, ROLE_HEADER } from '@huying/runtime';
import { identifyCaller, subgraphHeadersOf } from './callerIdentity';
import { hashOperatorToken, mintOperatorToken, OperatorDirectory } from './operators';

describe('who the gateway says is calling', () => {
  const token = mintOperatorToken();
  const supervisor = { id: 'li-si', name: '李四', role: 'SUPERVISOR', tokenSha256: hashOperatorToken(token) };
  const operators = new OperatorDirectory([supervisor]);
  const secret = 'internal-secret';

  it('turns an operator token into its role and keeps the token from the subgraphs', () => {
    const caller = identifyCaller({ authorization: `Bearer ${token}`, 'x-request-id': 'r-1' }, operators);
    expect(caller.operator).toBe(supervisor);
    expect(subgraphHeadersOf(caller, secret)).toEqual({ [GATEWAY_SECRET_HEADER]: secret, [ROLE_HEADER]: 'SUPERVISOR', 'x-request-id': 'r-1' });
  });

  it('never passes on a role or gateway secret the client sent, whoever it is', () => {
    const claimed = { [ROLE_HEADER]: 'ADMIN', [GATEWAY_SECRET_HEADER]: secret };
    expect(subgraphHeadersOf(identifyCaller(claimed, operators), secret)).toEqual({ [GATEWAY_SECRET_HEADER]: secret });
    const asSupervisor = identifyCaller({ ...claimed, authorization: `Bearer ${token}` }, operators);
    expect(subgraphHeadersOf(asSupervisor, secret)[ROLE_HEADER]).toBe('SUPERVISOR');
  });

  it('passes a department key through untouched, with no role', () => {
    const key = 'Bearer hy_jiangan-water_abc';
    expect(subgraphHeadersOf(identifyCaller({ authorization: key, [ROLE_HEADER]: 'ADMIN' }, operators), secret)).toEqual({
      [GATEWAY_SECRET_HEADER]: secret,
      authorization: key,
    });
  });

  it('refuses an operator token it does not know with a typed 401', () => {
    expect(() => identifyCaller({ authorization: `Bearer ${mintOperatorToken()}` }, operators)).toThrow(
      expect.objectContaining({ extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } }),
    );
  });
});
