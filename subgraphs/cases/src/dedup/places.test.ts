import { extractPlaces, namesOnePlace, placeAgreement, placeKeys, sameName, sharedRoadSpot } from './places';

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

  it('reads a name every county gives its own (人民医院, 实验小学) with the area before it, and a kind of hospital as no name', () => {
    expect(agreement('我小孩在F5县人民医院出生，上户卡准生证', '对M5市人民医院人事任免的质疑')).toBe('DIFFERENT');
    expect(agreement('A市实验小学门口拥堵', 'B市实验小学门口拥堵')).toBe('DIFFERENT');
    // Once named with its area, the same report's 人民医院 later on is that one.
    expect(agreement('F5县人民医院出生的小孩上户难', 'M5市人民医院人事任免，我和人民医院的职工谈起')).toBe('DIFFERENT');
    // Named without its area, it may be any county's: no proof either way (E8县's 人民医院 is not E12市's).
    expect(agreement('我在人民医院看病排队太久', 'F5县人民医院挂号排队太久')).toBe('UNKNOWN');
    expect(agreement('长沙市人民医院门口乱停车', '在长沙市的人民医院门口停车')).toBe('SAME');
    // 公立医院 says what kind, not which.
    expect(extractPlaces('严禁公立医院科室承包，民办学校乱收费')).toEqual([]);
  });

  it('takes one estate among the many a report lists (a bus route passing them) for near, not for the same place', () => {
    const route = '请求增加公交线路，沿线经过湖景名城、橄榄城、翠谷城、恒大华府、奥园世纪城等十几个小区';
    expect(agreement(route, '恒大华府北门停车位太少，常被贴条')).toBe('NEAR');
    // One estate written several ways is one estate, not a list.
    expect(agreement('悦禧国际山庄业主反对：作为悦禧国际山庄的业主，我们认为悦禧山庄', '悦禧国际山庄旁边建房')).toBe('SAME');
    expect(agreement('湖景名城和橄榄城之间的路灯坏了', '橄榄城门口路灯坏了')).toBe('SAME');
  });

  it('takes a kind of company, a kind of estate or a grammar word before a suffix for no proof of one place', () => {
    const proving = (text: string) => extractPlaces(text).filter(namesOnePlace).map((place) => place.name);
    expect(proving('自来水公司又停水了，快递公司不送货，公交公司不管')).toEqual([]);
    expect(proving('现在学校暑假补课，整个小区都知道，配套幼儿园还没开')).toEqual([]);
    expect(proving('楚英实验学校暑假补课')).toEqual(['楚英实验学校']);
    expect(proving('奥新燃气有限公司锁卡')).toEqual(['奥新燃气有限公司']);
    // 停水 in one town and a burst pipe at an estate elsewhere: the 自来水公司 both name joins nothing.
    expect(agreement('谷洲镇自来水公司经常停水', '水管爆裂，自来水公司不来修')).toBe('UNKNOWN');
    expect(agreement('实验学校违规招生', '楚英实验学校暑假组织补课')).toBe('UNKNOWN');
    // A school's kind is no name (the county's 教师进修学校 or a private one), nor is the county's own without its county.
    expect(proving('进修学校乱收校服费，职业学校强制实习，教师进修学校也一样')).toEqual([]);
    expect(proving('华荣进修学校乱收校服费，F5县教师进修学校的学生没有冬季校服')).toEqual(expect.arrayContaining(['华荣进修学校', 'F5县教师进修学校']));
    expect(agreement('华荣进修学校收了校服钱却不发校服', 'F5县教师进修学校收取冬季校服款，次冬季校服真不知进修学校何时发')).toBe('DIFFERENT');
    // Times and directions that are part of a name still name it.
    expect(proving('春天花园停车难，现代城积水，南方医院收费不明，东部新城停水')).toEqual(['春天花园', '现代城', '南方医院', '东部新城']);
  });

  it('reads no road in a word that ends in 路 without naming one (道路, 线路, 修路)', () => {
    const roads = (text: string) => extractPlaces(text).filter((place) => place.kind === 'road').map((place) => place.name);
    expect(roads('这是一条精准扶贫道路，要致富的修路，建议增加公交线路，走大马路')).toEqual([]);
    // (a stem keeps the words before a name; names are matched by their tails)
    const named = roads('希望加快推进醴官公路拓宽建设，石长铁路南侧楚江北路');
    expect(named).toHaveLength(3);
    ['醴官公路', '石长铁路', '楚江北路'].forEach((name, index) => expect(named[index]).toMatch(new RegExp(`${name}$`)));
    // two posts by one writer about two roads share his sentences about roads, not a road
    expect(agreement('醴官公路拓宽，一条精准扶贫道路，要致富的修路', 'S105一级公路建设，一条精准扶贫道路，要致富的修路')).not.toBe('SAME');
  });

  it('reads no city in a kind of city (文明城市, 国际大都市) or in the city’s leaders (烦请市领导)', () => {
    expect(extractPlaces('龙津河终年发臭，与环保模范城市不符')).toEqual([{ kind: 'water', name: '龙津河' }]);
    expect(extractPlaces('福州正在建设大都市').filter((place) => place.kind === 'city')).toEqual([]);
    expect(agreement('仓山区龙津河恶臭，烦请市领导查实', '龙津河臭，与全国文明城市不符')).toBe('NEAR');
    expect(extractPlaces('盐城市的河')).toContainEqual({ kind: 'city', name: '盐城市' });
  });

  it('tells two buildings or two gates apart, but not a 门口 from a 路口', () => {
    expect(agreement('幸福小区3栋电梯坏了', '幸福小区5栋电梯坏了')).toBe('DIFFERENT');
    expect(agreement('幸福小区东门垃圾堆积', '幸福小区西门垃圾堆积')).toBe('DIFFERENT');
    expect(agreement('幸福小区门口垃圾堆积', '幸福小区路口垃圾堆积')).toBe('SAME');
    // Two districts are two places whatever else they share.
    expect(agreement('A3区幸福小区停水', 'A4区幸福小区停水')).toBe('DIFFERENT');
  });

  it('reads one district or town however the words before it run on (希望A7县, 据仓山区, 督促江背镇)', () => {
    expect(agreement('希望A7县江背镇政府恢复涵洞', 'A7县者江背镇乌川湖村涵洞')).not.toBe('DIFFERENT');
    expect(agreement('12月18日晚上仓山区龙津河非常臭', '仓山区下渡街道龙津河很臭')).toBe('NEAR');
    expect(agreement('据仓山区建设局反馈跃进河拆迁', '仓山区跃进河何时整治')).toBe('NEAR');
    // Two districts that only end alike stay two.
    expect(agreement('江岸区幸福小区停水', '江汉区幸福小区停水')).toBe('DIFFERENT');
    // A kind of area (居民区, 生活区) or grammar before 县 names no district: no second district to tell apart.
    expect(agreement('仓山区龙津河奇臭无比', '龙津内河奇臭，附近居民区很受影响')).toBe('NEAR');
    const districts = (text: string) => extractPlaces(text).filter((place) => place.kind === 'district').map((place) => place.name);
    expect(districts('夏天邻近福州仓山区的龙津河，工地生活区和居民区')).toEqual(['仓山区']);
    expect(districts('请求硬化通K6县的道路，东西湖区')).toEqual(['K6县', '东西湖区']);
  });

  it('tells two cities apart, by their own names however the words before them run on', () => {
    // The same subsidy asked about in two cities is two issues; one poster's text sent about A市 and B市 too.
    expect(agreement('C市知识产权资助何时发放', '请问B市知识产权资助什么时候发')).toBe('DIFFERENT');
    expect(agreement('希望A市重视滴滴出行的问题', '希望B市重视滴滴出行的问题')).toBe('DIFFERENT');
    expect(agreement('为什么全L市都取消了货车二级维护', 'L市交通局还在收二级维护费')).not.toBe('DIFFERENT');
    // 超市, 城市, 全市 and 市政府 name no city.
    const cities = (text: string) => extractPlaces(text).filter((place) => place.kind === 'city').map((place) => place.name);
    expect(cities('在长沙市开福区的超市和菜市场门口')).toEqual(['长沙市']);
    expect(cities('我市的城市建设，全市市民去市政府')).toEqual([]);
  });

  it('takes 本小区 or 该小区 for a pointer, not a second estate', () => {
    expect(extractPlaces('优先录取本小区业主子女').filter((place) => place.kind === 'estate')).toEqual([]);
    // Nor 我们小区, nor a count of places (三家幼儿园, 多个小区): no name to tell two places apart by.
    const named = (text: string) => extractPlaces(text).filter((place) => place.kind === 'estate' || place.kind === 'school').map((place) => place.name);
    expect(named('我们小区停水三天了，附近有三家幼儿园，还有多个小区也停水')).toEqual([]);
    expect(agreement('我们小区停水三天了', '丽发新城停水三天了')).not.toBe('DIFFERENT');
    expect(agreement('恒大绿洲幼儿园招生违规，优先录取本小区业主子女', '再次请求解决恒大绿洲幼儿园读书问题，以前本小区很多孩子上不了')).toBe('SAME');
  });

  it('names a river by its own name, however it is written in passing', () => {
    const rivers = (text: string) => extractPlaces(text).filter((place) => place.kind === 'water').map((place) => place.name);
    expect(rivers('目前在高坂路东侧正在进行跃进河改造')).toEqual(['跃进河']);
    expect(rivers('新港路新港苑后面瀛洲河内河治理工地')).toEqual(['瀛洲河']);
    expect(rivers('龙津内河水污染严重，望整治')).toEqual(['龙津河']);
    // A verb or a measure word before 河 names no river.
    expect(rivers('反映内河整治问题')).toEqual([]);
    // Nor does a pronoun, a time or a conjunction (这次河, 去年河, 由于河): grammar is no river's name.
    expect(rivers('这次河道整治后会因河水很臭再投诉')).toEqual([]);
    expect(rivers('去年河里全是垃圾，由于河没人管')).toEqual([]);
    expect(agreement('台江区瀛洲河夜间施工扰民', '这次河道施工还是扰民，瀛洲河工地半夜还在挖')).toBe('NEAR');
    expect(rivers('跃进河是条死河')).toEqual(['跃进河']);
    // After a measure the name starts: 一条龙津河 is no 一条龙 and 津.
    expect(rivers('仓山区牛眠山巷边上有一条龙津河上漂浮了很多垃圾')).toEqual(['龙津河']);
    // What is done to the inland rivers, or a river's system, names no river of its own.
    expect(rivers('龙津河系内河整治，阳台临近内河，望改善内河水质')).toEqual(['龙津河']);
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
