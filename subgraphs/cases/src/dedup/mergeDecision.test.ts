import { DEDUP_RULES } from './dedupRules';
import { compareReports, isRepeat, mergeDecision, type MatchSignals } from './mergeDecision';
import { extractPlaces, placeAgreement } from './places';
import { profileSource as source } from '../../test-support/profileSource.fixture';
import { lookupKeys, reportProfile, type ProfileSource } from './reportProfile';

const at = (iso: string) => new Date(iso);
const decide = (a: Partial<ProfileSource>, b: Partial<ProfileSource>) => mergeDecision(compareReports(reportProfile(source(a)), reportProfile(source(b))));

describe('place extraction', () => {
  it('finds district, estate, road with number, school and river, and normalises them', () => {
    expect(extractPlaces('反映在江岸区幸福小区3栋楼道灯坏了')).toEqual(
      expect.arrayContaining([
        { kind: 'district', name: '江岸区' },
        { kind: 'estate', name: '幸福小区' },
        { kind: 'spot', name: '3栋' },
      ]),
    );
    expect(extractPlaces('武汉市江岸区解放大道１２３４号门口井盖缺失')).toContainEqual({ kind: 'road', name: '解放大道1234号' });
    // 西湖 inside 西湖小学 is the school, not a lake; 门口 is the spot at it.
    expect(extractPlaces('西湖小学门口马路上的路灯不亮')).toEqual([
      { kind: 'school', name: '西湖小学' },
      { kind: 'spot', name: '门口' },
    ]);
    expect(extractPlaces('福州市晋安区新店镇龙津河黑臭')).toContainEqual({ kind: 'water', name: '龙津河' });
    // 万科魅力之城小区 and 万科魅力之城 are one estate.
    expect(extractPlaces('A市万科魅力之城小区门口的下水道堵塞')).toContainEqual({ kind: 'estate', name: '万科魅力之城' });
  });

  it('takes no description of a road, and no garden every estate has, for a place name', () => {
    const names = (text: string) => extractPlaces(text).map((place) => `${place.kind}:${place.name}`);
    expect(names('路灯坏了好几天，晚上都看不清路')).not.toContainEqual(expect.stringMatching(/^road:/));
    expect(names('早上摆摊堵路，占了半条路')).not.toContainEqual(expect.stringMatching(/^road:/));
    expect(names('小区中心花园的喷泉不出水')).not.toContain('estate:中心花园');
    expect(names('小区中心花园的喷泉不出水')).toContain('spot:中心花园');
    expect(names('井盖破损，请水务集团尽快更换')).toContain('company:水务集团');
    expect(names('江岸区台北一路与新华路交叉口')).toEqual(expect.arrayContaining(['road:台北一路', 'road:新华路']));
  });

  it('tells two estates or two house numbers apart, and the same estate as the same place', () => {
    expect(placeAgreement(extractPlaces('幸福小区门口'), extractPlaces('和平小区门口'))).toBe('DIFFERENT');
    expect(placeAgreement(extractPlaces('解放大道1234号'), extractPlaces('解放大道88号'))).toBe('DIFFERENT');
    expect(placeAgreement(extractPlaces('江岸区幸福小区'), extractPlaces('幸福小区3栋'))).toBe('SAME');
    expect(placeAgreement(extractPlaces('楼道灯坏了'), extractPlaces('路灯不亮'))).toBe('UNKNOWN');
  });
});

describe('mergeDecision (the third tier)', () => {
  it('merges the same missing manhole cover reported by a caller and an inspector at the same address', () => {
    const decision = decide(
      { text: '解放大道1234号门口井盖缺失，晚上很危险', address: '江岸区解放大道1234号' },
      { text: '解放大道1234号门口的井盖缺失了，没有任何警示', address: '江岸区解放大道1234号', receivedAt: at('2026-11-20T03:00:00Z') },
    );
    expect(decision.verdict).toBe('MERGE');
    expect(decision.signals).toMatchObject({ place: 'SAME', category: 'SAME' });
    // Worded with no word in common for the problem (缺失 / 不见了), at the same house number the same day: one issue.
    const paraphrase = decide(
      { text: '解放大道1234号门口井盖缺失，晚上很危险', address: '江岸区解放大道1234号' },
      { text: '解放大道1234号附近有个井盖不见了', address: '江岸区解放大道1234号' },
    );
    expect(paraphrase.signals).toMatchObject({ place: 'SAME', sameSpot: true, category: 'SAME' });
    expect(paraphrase.verdict).toBe('MERGE');
  });

  it('keeps two different problems at the same address apart, however much of the text is the address', () => {
    const decision = decide(
      { text: '江岸区幸福小区3栋楼道灯坏了一个星期，晚上上下楼很不安全' },
      { text: '江岸区幸福小区3栋下水道堵塞，污水外溢到楼道' },
    );
    expect(decision.verdict).toBe('NEW');
  });

  it('keeps the same problem at two places apart, even word for word', () => {
    expect(decide({ text: '幸福小区门口垃圾堆积好几天没人清运，臭味很大' }, { text: '和平小区门口垃圾堆积好几天没人清运，臭味很大' }).verdict).toBe('NEW');
    const farApart = decide(
      { text: '路灯不亮', location: { lng: 114.3, lat: 30.6 } },
      { text: '路灯不亮', location: { lng: 114.31, lat: 30.6 } },
    );
    expect(farApart.signals.place).toBe('DIFFERENT');
    expect(farApart.verdict).toBe('NEW');
  });

  it('merges a repost word for word even when no place can be named', () => {
    const text = '建议在世界之窗附近增设地铁站出入口，方便周边居民出行';
    expect(decide({ text }, { text, receivedAt: at('2026-11-22T01:00:00Z') }).verdict).toBe('MERGE');
  });

  it('merges a repost that names only a reservoir or road the two share, and a near-repost under a new title', () => {
    // Real posts from the 2020 泰迪杯 board: the same post twice; the same body under two titles.
    const reservoir = { title: '关于F9市龙源水库移民后扶政策咨询', text: '颜局长：你好！我原是西地省F9市龙源水库移民户口，由于2005年户口婚迁至湖北省后，就取消了移民户待遇。请问我能否享受国家关于水库移民后扶政策？' };
    const repost = decide(reservoir, { ...reservoir, receivedAt: at('2026-11-20T02:00:00Z') });
    expect(repost.signals).toMatchObject({ place: 'NEAR', sameWording: true });
    expect(repost.verdict).toBe('MERGE');
    const body = '机动车驾驶教练员职业资格证，是国家职业资格体系的组成部分，采用职业技能鉴定的方式组织实施。该职业资格分为四、三、二、一4个等级，分别对应中级工、高级工、技师和高级技师。沿江大道有多家驾校，教练员大多没有等级证书，建议统一考取等级证书才能上岗。';
    const retitled = decide({ title: '建议要求西地省驾培统一考取教练员等级证书才能上岗', text: body }, { title: '建议驾校教练员考取教练员等级证书才能上岗', text: body });
    expect(retitled.signals).toMatchObject({ place: 'NEAR', sameWording: false });
    expect(retitled.signals.text).toBeGreaterThanOrEqual(0.9);
    expect(retitled.verdict).toBe('MERGE');
  });

  it('files a repost under a new title or a new greeting where the original can be found, though it names no place', () => {
    const body = '我2006年大学毕业，农业户口迁到江苏非农，2015年从江苏非农户口迁到外地非农，我现在想迁回原籍村组，我父母在这个村组为非农户口，我可迁吗？国家和县落地或新推新政策文件是哪些？';
    const keysOf = (title: string, text: string) => lookupKeys(reportProfile(source({ title, text })), { title, text });
    const original = keysOf('咨询非转农户口政策', `易书记：您好！${body}`);
    const retitled = keysOf('咨询A7县非转农户口政策', `易书记：您好！${body}`);
    const regreeted = keysOf('咨询非转农户口政策', `尊敬的领导：大家好！${body}`);
    const unrelated = keysOf('咨询非转农户口政策', '请问农业户口转为非农户口需要哪些材料？在哪里办理？办理需要多长时间？');
    const shared = (a: { own: string[] }, b: { search: string[] }) => b.search.filter((key) => a.own.includes(key));
    expect(shared(original, retitled)).not.toHaveLength(0);
    expect(shared(original, regreeted)).not.toHaveLength(0);
    expect(shared(original, unrelated)).toHaveLength(0);
  });

  it('merges the same building\'s stair light in other words, and sends a close call at one estate to review', () => {
    const stairLight = decide(
      { text: '幸福小区3栋楼道灯坏了一个星期，晚上上下楼很不安全' },
      { text: '幸福小区3栋的楼道灯不亮，已经好几天了' },
    );
    expect(stairLight.verdict).toBe('MERGE');
    // One estate, parking spaces sold with the flats, told two ways days apart: an operator decides.
    const parking = decide(
      { text: '伊景园滨河苑开发商捆绑销售车位' },
      { text: '滨河苑业主被强制购买车位，不买不给交房', receivedAt: at('2026-11-30T01:00:00Z') },
    );
    expect(parking.signals.place).toBe('SAME');
    expect(parking.verdict).toBe('REVIEW');
  });

  it('uses distance when both have coordinates: within 100 m is one place', () => {
    const decision = decide(
      { text: '路口红绿灯不亮，车辆通行混乱', location: { lng: 114.3, lat: 30.6 } },
      { text: '红绿灯坏了不亮，路口车辆通行很乱', location: { lng: 114.3003, lat: 30.6002 } },
    );
    expect(decision.signals.place).toBe('SAME');
    expect(decision.signals.distanceMeters).toBeLessThan(100);
  });
});

describe('mergeDecision on two categories that cannot both hold', () => {
  const pair = (sharedLetters: number, categoriesStated = true): MatchSignals => ({
    text: 0.2, words: 0.2, letters: 0.3, bigrams: 0.2, lettersWithPlaces: 0.3, sharedLetters,
    place: 'NEAR', sameSpot: false, distanceMeters: null, hoursApart: 24 * 20, category: 'CONFLICT', categoriesStated, sameContact: false, sameWording: false,
  });

  it('given by the channels, never merges them, and shows an operator the pair when the model holds one issue the likelier', () => {
    const grey = mergeDecision(pair(2.5));
    expect(grey.score).toBeGreaterThanOrEqual(0.5);
    expect(grey.score).toBeLessThan(DEDUP_RULES.mergeAt);
    expect(grey.verdict).toBe('REVIEW');
    // Below even odds the conflict decides: a lamp and a drain in one building are two problems.
    const doubtful = mergeDecision(pair(1));
    expect(doubtful.score).toBeGreaterThanOrEqual(DEDUP_RULES.reviewAt);
    expect(doubtful.score).toBeLessThan(0.5);
    expect(doubtful.verdict).toBe('NEW');
    const sure = mergeDecision(pair(6));
    expect(sure.score).toBeGreaterThanOrEqual(DEDUP_RULES.mergeAt);
    expect(sure.verdict).toBe('REVIEW');
    const unlikely = mergeDecision(pair(-3));
    expect(unlikely.score).toBeLessThan(DEDUP_RULES.reviewAt);
    expect(unlikely.verdict).toBe('NEW');
  });

  it('guessed from the words, merges them where the model is sure, having weighed the conflict with the words', () => {
    expect(mergeDecision(pair(6, false))).toMatchObject({ verdict: 'MERGE', score: mergeDecision(pair(6)).score });
    expect(mergeDecision(pair(2.5, false)).verdict).toBe('REVIEW');
    expect(mergeDecision(pair(1, false)).verdict).toBe('NEW');
  });

  it('knows a category the channel gave from one guessed from the words', () => {
    const stink = { text: '龙津河河水发黑发臭，气味很大' };
    const dredge = { text: '龙津河需要清淤整治，河道垃圾多' };
    expect(compareReports(reportProfile(source(stink)), reportProfile(source(dredge))).categoriesStated).toBe(false);
    const hinted = compareReports(reportProfile(source({ ...stink, categoryHint: '0403' })), reportProfile(source({ ...dredge, categoryHint: '0204' })));
    expect(hinted.categoriesStated).toBe(true);
    expect(compareReports(reportProfile(source({ ...stink, categoryHint: '0403' })), reportProfile(source(dredge))).categoriesStated).toBe(false);
  });
});

describe('isRepeat (the second tier)', () => {
  it('takes the same caller again about the same problem, and not about another one', () => {
    const first = reportProfile(source({ text: '幸福小区3栋楼道灯坏了', contactHash: 'h1' }));
    const again = reportProfile(source({ text: '楼道灯还是坏的，幸福小区3栋，没人来修', contactHash: 'h1' }));
    const other = reportProfile(source({ text: '和平小区门口有人占道经营', contactHash: 'h1' }));
    const stranger = reportProfile(source({ text: '楼道灯还是坏的，幸福小区3栋，没人来修', contactHash: 'h2' }));
    expect(isRepeat(compareReports(again, first))).toBe(true);
    expect(isRepeat(compareReports(other, first))).toBe(false);
    expect(isRepeat(compareReports(stranger, first))).toBe(false);
  });

  it('months later wants the text to agree as for a merge: a new question about the same town is no repeat', () => {
    const plan = { text: '请问政府对双江口镇罗巷集镇“十三五”期间发展规划方案，重点建设项目有哪些', contactHash: 'h1' };
    const expansion = { text: '请问政府对双江口镇罗巷集镇新型城镇建设规划集镇扩容情况，请对罗巷集镇段路基拓宽', contactHash: 'h1' };
    const first = reportProfile(source({ ...plan, receivedAt: at('2019-01-01T01:00:00Z') }));
    const weekLater = compareReports(reportProfile(source({ ...expansion, receivedAt: at('2019-01-08T01:00:00Z') })), first);
    const monthsLater = compareReports(reportProfile(source({ ...expansion, receivedAt: at('2019-03-12T01:00:00Z') })), first);
    expect(weekLater.text).toBeGreaterThanOrEqual(0.3);
    expect(weekLater.text).toBeLessThan(0.6);
    expect(isRepeat(weekLater)).toBe(true);
    expect(isRepeat(monthsLater)).toBe(false);
  });
});

describe('mergeDecision weighs the place with the words', () => {
  it('takes one village group\'s request for tap water, asked by two people in other words, for one issue', () => {
    const decision = decide(
      { title: '长龙村托塘组请求安装自来水到农户家', text: '长龙村托塘组请求尽快安装自来水，村民挑水喝不方便。' },
      { title: '请求给长龙街道托塘组安装自来水到农户家', text: '长龙街道托塘组，请政府尽快安装自来水，谢谢。' },
    );
    expect(decision.signals.sameWording).toBe(false);
    expect(decision.verdict).toBe('MERGE');
    // The same words about another problem on that river are no merge.
    const river = decide({ text: '龙津河很臭，什么时候治理' }, { text: '龙津河工地晚上施工噪音扰民', receivedAt: at('2026-12-10T01:00:00Z') });
    expect(river.verdict).not.toBe('MERGE');
  });

  it("takes two people's words for one river's stink weeks apart for one issue, by the letters their problem words share", () => {
    const first = { text: '仓山区龙津河很臭，尤其是晚上，臭味飘进居民楼，窗户都不能开，投诉很多次了，什么时候可以整治好？', receivedAt: at('2026-09-06T02:00:00Z') };
    const second = { text: '龙津河每天都臭气熏天，从河边走都要捂住鼻子，严重影响周边居民生活，到底什么时候才能治理？', receivedAt: at('2026-10-02T02:00:00Z') };
    const decision = decide(second, first);
    expect(decision.signals.place).toBe('NEAR');
    expect(decision.signals.sharedLetters).toBeGreaterThan(2);
    expect(decision.verdict).toBe('MERGE');
    // Without the letters' weights the same pair is no merge: 臭 is the one thing their words share.
    const withoutLetters = { ...DEDUP_RULES, model: { ...DEDUP_RULES.model, sharedLetters: new Map() } };
    expect(mergeDecision(compareReports(reportProfile(source(second)), reportProfile(source(first)), withoutLetters), withoutLetters).verdict).not.toBe('MERGE');
    // The river's night works, in the same weeks, stay apart from its stink.
    const works = decide({ text: '龙津河工地夜间施工噪音扰民，凌晨还在打桩，吵得睡不着', receivedAt: at('2026-09-20T02:00:00Z') }, first);
    expect(works.verdict).toBe('NEW');
  });

  it('sends the same problem 100–300 m apart to review, and merges it at the same spot automatically', () => {
    const text = '井盖缺失，路边一个黑洞，晚上行人很容易掉下去';
    const near = decide({ text, categoryHint: '井盖', location: { lng: 114.3, lat: 30.6 } }, { text: '路边井盖不见了，黑洞洞的，晚上行人很容易掉下去', categoryHint: '井盖', location: { lng: 114.302, lat: 30.6 } });
    const same = decide({ text, categoryHint: '井盖', location: { lng: 114.3, lat: 30.6 } }, { text: '路边井盖不见了，黑洞洞的，晚上行人很容易掉下去', categoryHint: '井盖', location: { lng: 114.3003, lat: 30.6002 } });
    expect(near.signals.place).toBe('NEAR');
    expect(near.score).toBeGreaterThanOrEqual(0.55);
    expect(near.verdict).toBe('REVIEW');
    expect(same.signals.place).toBe('SAME');
    expect(same.verdict).toBe('MERGE');
  });
});
