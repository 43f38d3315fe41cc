import { KeyvAdapter } from '@apollo/utils.keyvadapter';
import { InMemoryLRUCache, type KeyValueCache } from '@apollo/utils.keyvaluecache';
import KeyvRedis from '@keyv/redis';
import Keyv from 'keyv';
import { settings } from './config';

/** Where a service's cached answers live, and how to let go of it when the service stops. */
export interface ResponseCacheStore {
  cache: KeyValueCache<string>;
  close(): Promise<void>;
}

/**
 * The store for cached answers: Redis when `HUYING_RESPONSE_CACHE_URL` names one (every replica then
 * shares each answer, computed once), else this process's memory (bounded LRU, the embedded default).
 */
export function responseCacheStore(url = settings.responseCacheUrl, namespace = 'huying-response'): ResponseCacheStore {
  if (!url) return { cache: new InMemoryLRUCache<string>({ maxSize: 64 * 1024 * 1024 }), close: async () => undefined };
  const keyv = new Keyv<string>({ store: new KeyvRedis(url), namespace, useKeyPrefix: false });
  return { cache: new KeyvAdapter(keyv), close: () => keyv.disconnect() };
}
