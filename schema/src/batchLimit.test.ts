import { batchRefusal, DEFAULT_MAX_BATCH, inBatches, maxBatchSetting } from './batchLimit';

describe('batchRefusal', () => {
  it('lets a call up to the limit through', () => {
    expect(batchRefusal(1000, 1000)).toBeNull();
    expect(batchRefusal(0, 1000)).toBeNull();
  });

  it('names the limit and the size of a larger call', () => {
    expect(batchRefusal(10_000, 1000)).toEqual({ message: 'at most 1000 reports per call; this call has 10000', limit: 1000, size: 10_000 });
    expect(batchRefusal(3, 2, 'records')?.message).toBe('at most 2 records per call; this call has 3');
  });
});

describe('maxBatchSetting', () => {
  it('defaults to 1000 when unset', () => {
    expect(maxBatchSetting(undefined)).toBe(DEFAULT_MAX_BATCH);
    expect(maxBatchSetting('')).toBe(1000);
    expect(maxBatchSetting('250')).toBe(250);
  });

  it.each(['0', '-5', '1.5', 'lots'])('stops the start on %j', (value) => {
    expect(() => maxBatchSetting(value)).toThrow(`HUYING_MAX_BATCH must be a positive whole number, got "${value}"`);
  });
});

describe('inBatches', () => {
  it('cuts a list into runs of at most the size, in order', () => {
    expect(inBatches([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(inBatches([], 2)).toEqual([]);
  });
});
