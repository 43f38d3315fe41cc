import { compareReports } from './mergeDecision';
import { profileSource as source } from '../../test-support/profileSource.fixture';
import { reportProfile } from './reportProfile';
import { restoreProfile, storeProfile } from './storedProfile';
import { wordingFingerprint } from './textSimilarity';

describe('a filed profile', () => {
  it('compares exactly as the profile it was filed from, through JSON as the database keeps it', () => {
    const earlier = source({ contactHash: 'h1', title: '幸福小区3栋楼道灯坏了', text: '江岸区幸福小区3栋楼道灯坏了一个星期😡，晚上上下楼很不安全', location: { lng: 114.3, lat: 30.6 } });
    const incoming = reportProfile(source({ text: '幸福小区3栋的楼道灯不亮，已经好几天了', contactHash: 'h2' }));
    const original = reportProfile(earlier);
    const restored = restoreProfile(JSON.parse(JSON.stringify(storeProfile(original))), earlier);
    expect(restored).toEqual(original);
    expect(compareReports(incoming, restored)).toEqual(compareReports(incoming, original));
  });

  it('restores a profile filed before bigrams were kept sorted as one filed now', () => {
    const earlier = source({ text: '幸福小区3栋楼道灯坏了一个星期，晚上上下楼很不安全' });
    const stored = storeProfile(reportProfile(earlier));
    const chunks = stored.b.match(/[\s\S]{2}/g)!;
    const { v: _sorted, ...older } = { ...stored, b: [...chunks].reverse().join(''), f: wordingFingerprint(earlier.text) };
    expect(older.b).not.toBe(stored.b);
    expect(restoreProfile(older, earlier)).toEqual(restoreProfile(stored, earlier));
  });

  it('files a digest of the wording, and restores one filed with the letters themselves as one filed now', () => {
    const earlier = source({ text: '江岸区幸福小区3栋楼道灯坏了一个星期，晚上上下楼很不安全，物业说要等配件，请相关部门督促尽快修好' });
    const stored = storeProfile(reportProfile(earlier));
    const letters = wordingFingerprint(earlier.text);
    expect(stored.f.length).toBeLessThan(letters.length / 2);
    const older = { ...stored, v: 2 as const, f: letters };
    expect(restoreProfile(older, earlier)).toEqual(restoreProfile(stored, earlier));
    const repost = reportProfile(source({ text: `${earlier.text}！` }));
    expect(compareReports(repost, restoreProfile(older, earlier)).sameWording).toBe(true);
  });

  it('keeps whether the category was given or guessed, and takes one filed before that was kept as given (its conflicts hold as they did)', () => {
    const guessed = source({ text: '幸福小区3栋楼道灯坏了' });
    const given = source({ text: '幸福小区3栋楼道灯坏了', categoryHint: '0501' });
    expect(restoreProfile(storeProfile(reportProfile(guessed)), guessed).categoryStated).toBe(false);
    expect(restoreProfile(storeProfile(reportProfile(given)), given).categoryStated).toBe(true);
    const { s: _said, ...older } = storeProfile(reportProfile(guessed));
    expect(restoreProfile(older, guessed).categoryStated).toBe(true);
  });
});
