import { validateReport, REPORT_LIMITS } from './report';

const good = {
  channel: 'HOTLINE',
  sourceId: 'T-1',
  receivedAt: '2026-11-20T09:15:00+08:00',
  text: '小区门口窨井盖缺失，晚上很危险',
};

describe('validateReport', () => {
  it('accepts a good report, trims text and defaults the coordinate system', () => {
    const result = validateReport({ ...good, text: '  楼道灯坏了  ', location: { lng: 114.3, lat: 30.6 } });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.text).toBe('楼道灯坏了');
    expect(result.value.location).toEqual({ lng: 114.3, lat: 30.6, crs: 'WGS84' });
    expect(result.value.receivedAt.toISOString()).toBe('2026-11-20T01:15:00.000Z');
  });

  it.each([
    [{ text: '   ' }, 'text', 'must not be empty'],
    [{ channel: 'FAX' }, 'channel', 'must be one of'],
    [{ receivedAt: '2026-11-20 09:15' }, 'receivedAt', 'is not a time with a zone'],
    [{ receivedAt: 'yesterday' }, 'receivedAt', 'is not a time with a zone'],
    [{ location: { lng: 114.3, lat: 95 } }, 'location.lat', 'between -90 and 90'],
    [{ location: { lng: 190, lat: 30 } }, 'location.lng', 'between -180 and 180'],
    [{ text: '噪'.repeat(REPORT_LIMITS.text + 1) }, 'text', `at most ${REPORT_LIMITS.text}`],
    [{ sourceId: '' }, 'sourceId', 'must not be empty'],
    [{ receivedAt: '2026-13-45T99:00:00Z' }, 'receivedAt', 'is not a real time: there is no month 13'],
    [{ receivedAt: '2026-02-30T09:15:00+08:00' }, 'receivedAt', 'there is no day 30 of 2026-02'],
    [{ receivedAt: new Date(Number.NaN) }, 'receivedAt', 'must be a time with a zone'],
    [{ receivedAt: 20261120 }, 'receivedAt', 'must be a time with a zone'],
    [{ text: '井盖\u0000缺失' }, 'text', 'NUL character'],
    [{ text: '井盖\ud800缺失' }, 'text', 'lone UTF-16 surrogate'],
    [{ title: 'a\u001bb' }, 'title', 'control character U+001B'],
    [{ address: '\u0000' }, 'address', 'NUL character'],
    [{ sourceId: 'GD-\u0000' }, 'sourceId', 'NUL character'],
    [{ contact: '139\udc0012345678' }, 'contact', 'lone UTF-16 surrogate'],
    [{ categoryHint: '井盖\u0007' }, 'categoryHint', 'control character U+0007'],
  ])('refuses %j naming the field', (patch, field, reason) => {
    const result = validateReport({ ...good, ...patch });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toEqual([expect.objectContaining({ field, reason: expect.stringContaining(reason) })]);
  });

  it('keeps tabs and line breaks in the text', () => {
    const result = validateReport({ ...good, text: '第一行\r\n第二行\t完' });
    expect(result.ok && result.value.text).toBe('第一行\r\n第二行\t完');
  });
});
