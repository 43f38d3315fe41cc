import { escapeUnsafeText, findUnsafeText, unsafeTextReason } from './textSafety';

describe('unsafeTextReason', () => {
  it.each([
    ['plain Chinese', '黎黄陂路口窨井盖缺失'],
    ['tab, line feed and carriage return', '第一行\r\n第二行\t完'],
    ['a character outside the BMP (a surrogate pair)', '路灯坏了😡𠮷'],
    ['DEL and C1 controls (storable; not part of the rule)', 'a\u007fb\u0085c'],
    ['the empty string', ''],
  ])('accepts %s', (_label, value) => {
    expect(unsafeTextReason(value)).toBeNull();
  });

  it.each([
    ['a NUL', '井盖\u0000缺失', /NUL character \(U\+0000\); found at character 3/],
    ['a lone high surrogate', 'ab\ud800', /lone UTF-16 surrogate \(U\+D800\).*character 3/],
    ['a lone low surrogate', '\udc00ab', /lone UTF-16 surrogate \(U\+DC00\).*character 1/],
    ['a high surrogate followed by a non-surrogate', '\ud83dx', /U\+D83D/],
    ['a vertical tab', 'a\u000bb', /control character U\+000B; found at character 2/],
    ['an escape', '\u001b[31m红', /control character U\+001B/],
    ['a form feed', 'x\u000c', /U\+000C/],
  ])('refuses %s, naming the code point and where it is', (_label, value, reason) => {
    expect(unsafeTextReason(value)).toMatch(reason);
  });

  it('counts a surrogate pair as one character', () => {
    expect(unsafeTextReason('😀\u0000')).toMatch(/character 2$/);
  });

  it('never echoes the refused character', () => {
    expect(unsafeTextReason('a\u0000b')).not.toContain('\u0000');
  });
});

describe('findUnsafeText', () => {
  it('finds the first refused string anywhere in a record, by path', () => {
    expect(findUnsafeText({ a: 1, reply: { text: 'ok', by: ['x', 'y\u0000'] } })).toEqual({ field: 'reply.by[1]', reason: expect.stringContaining('NUL') });
  });

  it('passes a clean record, dates and numbers included', () => {
    expect(findUnsafeText({ at: new Date(), n: 3, list: ['a'], none: null })).toBeNull();
  });
});

describe('escapeUnsafeText', () => {
  it('writes refused characters as visible escapes and keeps everything else', () => {
    expect(escapeUnsafeText('GD\u0000-1\ud800 😀\t')).toBe('GD\\u0000-1\\ud800 😀\t');
    expect(unsafeTextReason(escapeUnsafeText('\u0000\udfff\u0001'))).toBeNull();
  });
});
