import { randomUUID } from 'node:crypto';
import { responseCacheStore } from './responseCache';

const REDIS = process.env.TEST_REDIS_URL || 'redis://127.0.0.1:6379';

describe('the store of cached answers', () => {
  it('is shared by every replica through Redis, and lets an answer lapse after its time', async () => {
    const namespace = `huying-test-${randomUUID()}`;
    const [one, other] = [responseCacheStore(REDIS, namespace), responseCacheStore(REDIS, namespace)];
    try {
      await one.cache.set('dashboard', '{"data":1}', { ttl: 1 });
      expect(await other.cache.get('dashboard')).toBe('{"data":1}');
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(await other.cache.get('dashboard')).toBeUndefined();
    } finally {
      await Promise.all([one.close(), other.close()]);
    }
  });

  it('is each process its own without a URL', async () => {
    const [one, other] = [responseCacheStore(undefined), responseCacheStore(undefined)];
    await one.cache.set('dashboard', 'answer');
    expect(await one.cache.get('dashboard')).toBe('answer');
    expect(await other.cache.get('dashboard')).toBeUndefined();
  });
});
