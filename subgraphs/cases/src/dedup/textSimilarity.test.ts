import { letterCosine, problemText, sortedBigrams, textSimilarity } from './textSimilarity';

/** The bigram Dice overlap as its definition reads, with sets of two-unit strings. */
function diceBySets(a: string, b: string): number {
  const chunks = (text: string) => new Set(text.match(/[\s\S]{2}/g) ?? []);
  const x = chunks(a);
  const y = chunks(b);
  let shared = 0;
  for (const bigram of x) if (y.has(bigram)) shared += 1;
  return (2 * shared) / (x.size + y.size);
}

describe('text similarity', () => {
  const pairs: [string, string][] = [
    ['幸福小区3栋楼道灯坏了一个星期，晚上上下楼很不安全', '幸福小区3栋的楼道灯不亮，已经好几天了'],
    ['解放大道1234号门口井盖缺失，晚上很危险', '解放大道1234号门口的井盖缺失了，没有任何警示'],
    ['噪音扰民，工地夜间施工到凌晨两点', '小区门口垃圾堆放多日无人清运'],
    ['Street Light Out on Main St', 'Street light out near Main Street'],
  ];

  it.each(pairs)('compares sorted bigrams as the set definition does: %s / %s', (left, right) => {
    const a = problemText(left);
    const b = problemText(right);
    const keywordOnly = textSimilarity({ ...a, bigrams: '' }, { ...b, bigrams: '' });
    const expected = (2 * keywordOnly + diceBySets(a.bigrams, b.bigrams)) / 2;
    expect(textSimilarity(a, b)).toBeCloseTo(expected, 12);
  });

  it('keeps bigrams distinct and in order, whatever order they were written in', () => {
    const { bigrams } = problemText('楼道灯坏了，楼道灯坏了，楼道灯坏了');
    expect(bigrams.length).toBe(2 * new Set(bigrams.match(/[\s\S]{2}/g)).size);
    expect(sortedBigrams([...bigrams.match(/[\s\S]{2}/g)!].reverse().join(''))).toBe(bigrams);
  });

  it('folds a letter outside the BMP into one unit, so no bigram holds half a surrogate pair', () => {
    const { bigrams } = problemText('𠮷祥小区门口井盖缺失');
    expect(/[\uD800-\uDFFF]/.test(bigrams)).toBe(false);
  });
});

describe('letter cosine', () => {
  it('finds two wordings of one problem partly alike where their keywords share nothing', () => {
    const [lost, missing, noise] = ['窨井盖丢了，很危险', '井盖缺失，有安全隐患', '工地夜间施工噪音扰民'].map((text) => problemText(text));
    expect(textSimilarity(lost!, missing!)).toBeLessThan(0.2);
    expect(letterCosine(lost!, missing!)).toBeGreaterThan(0.15);
    expect(letterCosine(lost!, noise!)).toBeLessThan(letterCosine(lost!, missing!) / 2);
    expect(letterCosine(lost!, lost!)).toBeCloseTo(1, 9);
  });
});

