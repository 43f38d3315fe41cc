import { extractPlaces, placeAgreement, placeKeys, sameName, sharedRoadSpot } from './places';

const agreement = (a: string, b: string) => placeAgreement(extractPlaces(a), extractPlaces(b));

describe('places named in two reports', () => {
  it('takes two roads in common for their crossing: one spot, however the crossing is worded', () => {
    const a = extractPlaces('黎黄陂路与胜利街交叉口窨井盖丢了，很危险');
    const b = extractPlaces('胜利街黎黄陂路路口井盖缺失，有安全隐患');
    expect(placeAgreement(a, b)).toBe('SAME');
    expect(sharedRoadSpot(a, b)).toBe(true);
    // One road in common is only near: a road holds many spots.
    expect(agreement('胜利街路口井盖缺失', '胜利街中段路灯不亮')).toBe('NEAR');
    expect(sharedRoadSpot(extractPlaces('胜利街路口井盖缺失'), extractPlaces('胜利街路口路灯不亮'))).toBe(false);
  });

  it('takes an estate with and without its developer or phase for one place, and its tail as a lookup key', () => {
    expect(sameName('伊景园滨河苑', '滨河苑')).toBe(true);
    expect(sameName('滨河苑', '碧水苑')).toBe(false);
    // A tail of two letters is no name of its own.
    expect(sameName('景河苑', '河苑')).toBe(false);
    expect(agreement('A2区伊景园滨河苑停车收费不合理', '滨河苑物业乱收停车费')).toBe('SAME');
    expect(extractPlaces('丽发新城二期的业主反映')).toContainEqual({ kind: 'estate', name: '丽发新城' });
    const keys = (text: string) => placeKeys(extractPlaces(text));
    expect(keys('伊景园滨河苑停车收费')).toEqual(expect.arrayContaining(keys('滨河苑物业乱收停车费')));
  });

  it('tells two buildings or two gates apart, but not a 门口 from a 路口', () => {
    expect(agreement('幸福小区3栋电梯坏了', '幸福小区5栋电梯坏了')).toBe('DIFFERENT');
    expect(agreement('幸福小区东门垃圾堆积', '幸福小区西门垃圾堆积')).toBe('DIFFERENT');
    expect(agreement('幸福小区门口垃圾堆积', '幸福小区路口垃圾堆积')).toBe('SAME');
    // Two districts are two places whatever else they share.
    expect(agreement('A3区幸福小区停水', 'A4区幸福小区停水')).toBe('DIFFERENT');
  });
});
