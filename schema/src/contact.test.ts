import { contactHash, maskContact, maskPhonesInText } from './contact';

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

  it('masks every phone number inside a text, and leaves other digits alone', () => {
    expect(maskPhonesInText('联系人郭先生，电话17468742766，备用 027-8576 1234')).toBe('联系人郭先生，电话174****2766，备用 027-****1234');
    expect(maskPhonesInText('{"ldhm":"+86 138-1234-5678"}')).toBe('{"ldhm":"138****5678"}');
    expect(maskPhonesInText('工单GD20261204000001于2026年12月4日受理，3号楼')).toBe('工单GD20261204000001于2026年12月4日受理，3号楼');
  });
});
