import { maskRecord } from './recordMask';

describe('a raw record shown masked', () => {
  it('masks the personal fields and every phone number elsewhere, and keeps the rest', () => {
    const raw = { gdbh: 'GD20261204000001', ldhm: '17468742766', lxr: '郭先生', sqnr: '路灯不亮，请回电 13912345678', tags: ['联系 027-85761234'], n: 3 };
    expect(maskRecord(raw, ['ldhm', 'lxr'])).toEqual({
      gdbh: 'GD20261204000001',
      ldhm: '174****2766',
      lxr: '郭**',
      sqnr: '路灯不亮，请回电 139****5678',
      tags: ['联系 027-****1234'],
      n: 3,
    });
  });

  it('leaves nothing of a number or a name in clear', () => {
    const masked = JSON.stringify(maskRecord({ caller: { phone: '13812345678', name: '张三丰' } }, ['phone', 'name']));
    expect(masked).not.toContain('13812345678');
    expect(masked).not.toContain('三丰');
  });
});
