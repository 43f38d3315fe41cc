import { checkCredentials } from './credentialCheck';

// Jest runs without HUYING_GATEWAY_SECRET, HUYING_CONTACT_KEY or HUYING_DATA_KEYS: the development ones.
describe('starting with development credentials', () => {
  it('refuses in production, naming every problem and how to fix it', () => {
    const log = { warn: jest.fn() };
    expect(() => checkCredentials(log, 'production', ['HUYING_OPERATORS_FILE is the development operators file'])).toThrow(
      /HUYING_GATEWAY_SECRET[\s\S]*HUYING_CONTACT_KEY[\s\S]*HUYING_DATA_KEYS[\s\S]*HUYING_OPERATORS_FILE[\s\S]*HUYING_ENV=development/,
    );
    expect(log.warn).not.toHaveBeenCalled();
  });

  it('warns loudly in development and starts', () => {
    const log = { warn: jest.fn() };
    checkCredentials(log, 'development');
    expect(log.warn).toHaveBeenCalledWith(expect.objectContaining({ problems: expect.arrayContaining([expect.stringContaining('HUYING_GATEWAY_SECRET')]) }), expect.stringContaining('DEVELOPMENT CREDENTIALS'));
  });
});
