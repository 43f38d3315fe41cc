import { contactHash, maskContact } from './contact';

describe('contact privacy', () => {
  it('masks a mobile number as 138****5678', () => {
    expect(maskContact('13812345678')).toBe('138****5678');
    expect(maskContact('+86 138-1234-5678')).toBe('138****5678');
  });

  it('hashes the same number the same way whatever its spelling, and differently per key', () => {
    expect(contactHash('138 1234 5678', 'k1')).toBe(contactHash('+8613812345678', 'k1'));
    expect(contactHash('13812345678', 'k1')).not.toBe(contactHash('13812345678', 'k2'));
    expect(contactHash('13812345678', 'k1')).not.toContain('5678');
  });
});
