import { textClassifier } from '../src/classifier/model';
import { calibrationScale, DEFAULT_FIT_OPTIONS, fitClassifier, trainingPostsOfCorrections } from './classifierFit';

describe('fitting', () => {
  const fixture = [
    ...['学校 老师 补课', '学校 招生 学位', '幼儿园 学校 收费', '老师 学生 学校'].map((text) => ({ tokens: text.split(' '), label: '教育文体' as const })),
    ...['工资 拖欠 公司', '社保 缴纳 公司', '工资 社保 退休', '拖欠 工资 老板'].map((text) => ({ tokens: text.split(' '), label: '劳动和社会保障' as const })),
    ...['噪音 工厂 废气', '河道 污水 工厂', '废气 排放 噪音', '污水 排放 河道'].map((text) => ({ tokens: text.split(' '), label: '环境保护' as const })),
  ];
  const options = { ...DEFAULT_FIT_OPTIONS, minDf: 1, epochs: 30, batchSize: 4, learningRate: 0.1 };

  it('refits a tiny fixture into a model that files new texts by their words', async () => {
    const model = await fitClassifier(fixture, ['的'], options);
    expect(model.labels).toEqual(['劳动和社会保障', '教育文体', '环境保护']);
    expect(model.dropWords).toEqual(['的']);
    const classifier = textClassifier(model);
    expect(classifier.classifyTokens(['学校', '补课']).label).toBe('教育文体');
    expect(classifier.classifyTokens(['拖欠', '工资']).label).toBe('劳动和社会保障');
    expect(classifier.classifyTokens(['工厂', '废气']).label).toBe('环境保护');
    expect(classifier.classifyTokens(['工厂', '废气']).confidence).toBeGreaterThan(0.5);
  });

  it('is deterministic: the same posts and options give the same weights', async () => {
    const first = await fitClassifier(fixture, [], options);
    const second = await fitClassifier(fixture, [], options);
    expect(second).toEqual(first);
  });

});

describe('calibration', () => {
  const softmaxOfFirst = (margins: number[], scale: number) => Math.exp(margins[0]! * scale) / margins.reduce((sum, margin) => sum + Math.exp(margin * scale), 0);

  it('scales margins up when the top class is always right, and less when it is right 3 times in 4', () => {
    const margins = Array.from({ length: 40 }, () => [1, -1]);
    const alwaysRight = calibrationScale(margins, margins.map(() => 0));
    const mostlyRight = calibrationScale(margins, margins.map((_, i) => (i % 4 === 3 ? 1 : 0)));
    expect(alwaysRight).toBeGreaterThan(10);
    // the likelihood is best where the top class's probability is how often it is right
    expect(softmaxOfFirst([1, -1], mostlyRight)).toBeCloseTo(0.75, 3);
  });
});

describe('corrections', () => {
  it('teach the class of the category an operator chose, and nothing for categories outside the classes', () => {
    const corrected = trainingPostsOfCorrections(
      [
        { code: '0303', text: '煤气 味道' },
        { code: '1101', text: '商家 退款' },
        { code: '0702', text: '小偷' },
      ],
      (text) => text.split(' '),
    );
    expect(corrected).toEqual({ posts: [{ tokens: ['煤气', '味道'], label: '城乡建设' }, { tokens: ['商家', '退款'], label: '商贸旅游' }], skipped: 1 });
  });
});
