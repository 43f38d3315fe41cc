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

  it('names a river by its own name, however it is written in passing', () => {
    const rivers = (text: string) => extractPlaces(text).filter((place) => place.kind === 'water').map((place) => place.name);
    expect(rivers('目前在高坂路东侧正在进行跃进河改造')).toEqual(['跃进河']);
    expect(rivers('新港路新港苑后面瀛洲河内河治理工地')).toEqual(['瀛洲河']);
    expect(rivers('龙津内河水污染严重，望整治')).toEqual(['龙津河']);
    // A verb or a measure word before 河 names no river.
    expect(rivers('反映内河整治问题')).toEqual([]);
    expect(rivers('跃进河是条死河')).toEqual(['跃进河']);
  });

  it('takes one river named from two estates beside it for one place, and two rivers for two', () => {
    // People write from their own estate about the river that runs past it.
    expect(agreement('仓山区龙津花园门口的龙津河非常臭', '仓山区幸福小区背后的龙津河常年恶臭')).toBe('NEAR');
    expect(agreement('新港苑后面瀛洲河内河治理工地凌晨还在施工', '台江瀛洲河工地晚上11点半还在施工')).toBe('NEAR');
    expect(agreement('龙津河黑臭', '跃进河黑臭')).toBe('DIFFERENT');
    // Without a river in common, two estates are still two places.
    expect(agreement('龙津花园门口垃圾堆积', '幸福小区门口垃圾堆积')).toBe('DIFFERENT');
    // Two districts stay two places, river or not.
    expect(agreement('仓山区龙津河黑臭', '晋安区龙津河黑臭')).toBe('DIFFERENT');
  });
});
