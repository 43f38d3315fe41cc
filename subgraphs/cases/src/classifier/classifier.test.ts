import { CLASSIFIER_LABELS, categoryForClass, classOfCategory, type ClassifierLabel } from './labels';
import { featureBlocks, grams, letterRuns, termIndex, textTokens, tfidfVector } from './features';
import { CLASSIFIED_CHARACTERS, classifyText, textClassifier, type ClassifierWeights } from './model';
import { categoryByCode } from '@huying/schema';

describe('the shipped category classifier', () => {
  it.each<[string, ClassifierLabel]>([
    ['A市某某小学今年秋季招生划片不合理，孩子入学要跨区就读，希望教育局调整学区', '教育文体'],
    ['公司拖欠我们三个月工资不发，社保也没有缴纳，劳动监察大队不管', '劳动和社会保障'],
    ['小区旁边的化工厂晚上偷排废气，气味刺鼻，河里的鱼都死了，环保局管不管', '环境保护'],
    ['医院收费不合理，做个检查乱收费，医生态度也很差', '卫生计生'],
    ['网约车平台乱收费，出租车司机拒载，客运站班车取消', '交通运输'],
    ['商场卖假货，虚假宣传，消费者投诉后商家拒绝退款，市场监管局请查处', '商贸旅游'],
    ['开发商延期交房，房产证迟迟办不下来，小区物业乱收费', '城乡建设'],
  ])('files %s under %s', (text, label) => {
    expect(classifyText(text).label).toBe(label);
  });

  it('gives a confidence in [0, 1] that is the top score, and scores that add up to 1', () => {
    for (const text of ['路灯坏了', '', '？？？', 'hello world', '幼儿园收费太贵']) {
      const result = classifyText(text);
      expect(result.confidence).toBeGreaterThanOrEqual(0);
      expect(result.confidence).toBeLessThanOrEqual(1);
      const scores = Object.values(result.scores);
      expect(scores).toHaveLength(CLASSIFIER_LABELS.length);
      expect(scores.reduce((sum, value) => sum + value, 0)).toBeCloseTo(1, 6);
      expect(result.confidence).toBe(Math.max(...scores));
      expect(result.scores[result.label]).toBe(result.confidence);
    }
  });

  it('reads a report up to CLASSIFIED_CHARACTERS: what follows changes nothing', () => {
    const school = '孩子学校乱收补课费，教育局请查处。'.repeat(Math.ceil(CLASSIFIED_CHARACTERS / 17)).slice(0, CLASSIFIED_CHARACTERS);
    const traffic = '公交车司机拒载，客运站班车取消，出租车乱收费。'.repeat(300);
    expect(classifyText(traffic).label).toBe('交通运输');
    expect(classifyText(school + traffic)).toEqual(classifyText(school));
    // A letter past U+FFFF astride the line is left out whole, never cut in half.
    const astride = `${school.slice(0, CLASSIFIED_CHARACTERS - 1)}𠮷${traffic}`;
    expect(classifyText(astride)).toEqual(classifyText(school.slice(0, CLASSIFIED_CHARACTERS - 1)));
  });

  it('is less sure of a text with no known word than of a plain one', () => {
    expect(classifyText('啊啊啊').confidence).toBeLessThan(classifyText('学校老师乱收补课费，教育局请查处').confidence);
  });
});

describe('features', () => {
  it('leaves out punctuation, spaces and drop words, and lower-cases letters', () => {
    const tokens = textTokens('Wifi 信号，可以 很差！', new Set(['可以']));
    expect(tokens).not.toContain('可以');
    expect(tokens).not.toContain('，');
    expect(tokens).not.toContain(' ');
    expect(tokens).toContain('wifi');
  });

  it('reads letter runs across the words, none of them ever a word or a bigram', () => {
    const runs = letterRuns(['路灯', '杆'], 2);
    expect(runs).toEqual([' 路', ' 灯', ' 杆', ' 路灯', ' 灯杆']);
    const words = new Set(grams(['路灯', '杆']));
    expect(runs.some((run) => words.has(run))).toBe(false);
  });

  it('scales the words and the letter runs to unit length each', () => {
    const index = termIndex(['噪音', ' 噪', ' 噪音']);
    const vector = tfidfVector(['噪音', '扰民'], index, [1, 1, 3], 2);
    expect(vector.indices).toEqual([0, 1, 2]);
    expect(vector.values[0]).toBeCloseTo(1, 9);
    expect(Math.hypot(vector.values[1]!, vector.values[2]!)).toBeCloseTo(1, 9);
    expect(vector.values[2]!).toBeGreaterThan(vector.values[1]!);
  });

  it('weighs known grams only, to unit length', () => {
    const index = termIndex(['噪音', '噪音 扰民']);
    const vector = tfidfVector(['噪音', '扰民', '未知'], index, [1, 2]);
    expect(vector.indices).toEqual([0, 1]);
    expect(Math.hypot(...vector.values)).toBeCloseTo(1, 9);
    expect(vector.values[1]!).toBeGreaterThan(vector.values[0]!);
  });

  it('finds each letter run its text names, letters past U+FFFF and runs of four included', () => {
    const tokens = ['𠮷野家', '门口', '路灯', '灯杆'];
    for (const letters of [3, 4]) {
      const terms = [...new Set(featureBlocks(tokens, letters)[1])];
      const vector = tfidfVector(tokens, termIndex(terms), terms.map(() => 1), letters);
      expect(vector.indices.sort((a, b) => a - b)).toEqual(terms.map((_, at) => at));
    }
    const repeated = tfidfVector(['灯', '灯'], termIndex([' 灯', ' 灯灯', ' 𠮷']), [1, 1, 1], 2);
    expect(repeated.indices).toEqual([0, 1]);
    expect(repeated.values[0]!).toBeGreaterThan(repeated.values[1]!);
  });
});

describe('weights', () => {
  it('scale the margins before the softmax: the same winner, surer as the scale grows', () => {
    const model = (scale?: number): ClassifierWeights => ({
      format: 'huying-text-classifier/1',
      labels: ['交通运输', '城乡建设'],
      dropWords: [],
      ...(scale ? { scale } : {}),
      terms: ['公交'],
      idf: [1],
      weights: [[1, -1]],
      bias: [0, 0],
    });
    const plain = textClassifier(model()).classifyTokens(['公交']);
    const scaled = textClassifier(model(3)).classifyTokens(['公交']);
    expect(plain.label).toBe('交通运输');
    expect(scaled.label).toBe('交通运输');
    expect(plain.confidence).toBeCloseTo(1 / (1 + Math.exp(-2)), 9);
    expect(scaled.confidence).toBeCloseTo(1 / (1 + Math.exp(-6)), 9);
  });

  it('refuses weights whose rows do not line up', () => {
    const broken: ClassifierWeights = { format: 'huying-text-classifier/1', labels: ['交通运输', '城乡建设'], dropWords: [], terms: ['a'], idf: [1], weights: [[1]], bias: [0, 0] };
    expect(() => textClassifier(broken)).toThrow(/row 0/);
  });
});

describe('the mapping to our categories', () => {
  it('sends every class to a code of ours, and our leaves back to the class they came from', () => {
    for (const label of CLASSIFIER_LABELS) expect(categoryByCode(categoryForClass(label, null))).toBeDefined();
    expect(classOfCategory('0801')).toBe('教育文体');
    expect(classOfCategory('0802')).toBe('卫生计生');
    expect(classOfCategory('0301')).toBe('城乡建设');
    expect(classOfCategory('0402')).toBe('环境保护');
    expect(classOfCategory('0702')).toBeNull();
    expect(classOfCategory('9901')).toBeNull();
  });

  it("keeps the rules' leaf when it lies in the model's class, else takes the class's own code", () => {
    expect(categoryForClass('城乡建设', '0204')).toBe('0204');
    expect(categoryForClass('城乡建设', '0902')).toBe('05');
    expect(categoryForClass('环境保护', '0401')).toBe('0401');
    expect(categoryForClass('教育文体', '0802')).toBe('0801');
    expect(categoryForClass('商贸旅游', '0101')).toBe('11');
    expect(categoryForClass('商贸旅游', '1102')).toBe('1102');
  });
});
