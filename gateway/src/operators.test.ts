import { join } from 'node:path';
import { hashOperatorToken, mintOperatorToken, OperatorDirectory, parseOperators, readOperatorsFile } from './operators';

describe('operators file', () => {
  const entry = (overrides: Record<string, unknown> = {}) => ({ id: 'zhang-san', name: '张三', role: 'COMMAND_CENTRE', tokenSha256: hashOperatorToken('t1'), ...overrides });

  it('finds an operator by token and by nothing else', () => {
    const token = mintOperatorToken();
    expect(token).toMatch(/^hyop_[A-Za-z0-9_-]{32}$/);
    const directory = new OperatorDirectory(parseOperators({ operators: [entry({ tokenSha256: hashOperatorToken(token) })] }, 'test'));
    expect(directory.operatorOfToken(token)?.id).toBe('zhang-san');
    expect(directory.operatorOfToken(hashOperatorToken(token))).toBeUndefined();
    expect(directory.operatorOfToken(`${token}x`)).toBeUndefined();
  });

  it('names every problem of a bad file', () => {
    const bad = { operators: [entry({ role: 'admin' }), entry({ id: 'Wang Wu', tokenSha256: 't1' }), entry({ tokenSha256: hashOperatorToken('t1') })] };
    let message = '';
    try {
      parseOperators(bad, 'ops.json');
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('ops.json is not a valid operators file');
    expect(message).toContain('operators[0].role');
    expect(message).toContain('operators[1].id');
    expect(message).toContain('operators[1].tokenSha256');
    expect(message).toMatch(/operators\[2\]\.id: id is used twice/);
    expect(message).toMatch(/operators\[2\]\.tokenSha256: tokenSha256 is used twice/);
  });

  it('ships a development file whose documented tokens sign in', () => {
    const directory = new OperatorDirectory(readOperatorsFile(join(__dirname, '..', 'config', 'operators.development.json')));
    expect(directory.operatorOfToken('hyop_dev_admin')?.role).toBe('ADMIN');
    expect(directory.operatorOfToken('hyop_dev_command_centre')?.role).toBe('COMMAND_CENTRE');
    expect(directory.operatorOfToken('hyop_dev_supervisor')?.role).toBe('SUPERVISOR');
  });

  it('says which file it cannot read', () => {
    expect(() => readOperatorsFile('/nonexistent/operators.json')).toThrow('cannot read the operators file /nonexistent/operators.json');
  });
});
