import DataLoader from 'dataloader';

/**
 * A per-request DataLoader over a fetch that answers with a map: the batch function then returns one
 * result per key, in key order, with `null` for keys that do not exist.
 */
export function loaderByKey<Key, Value>(
  fetch: (keys: readonly Key[]) => Promise<Map<Key, Value>>,
  options: DataLoader.Options<Key, Value | null, Key> = {},
): DataLoader<Key, Value | null, Key> {
  return new DataLoader<Key, Value | null, Key>(async (keys) => {
    const found = await fetch(keys);
    return keys.map((key) => found.get(key) ?? null);
  }, options);
}

/** As `loaderByKey`, for one-to-many: every key gets an array (empty when nothing matches). */
export function listLoaderByKey<Key, Value>(
  fetch: (keys: readonly Key[]) => Promise<Map<Key, Value[]>>,
): DataLoader<Key, Value[], Key> {
  return new DataLoader<Key, Value[], Key>(async (keys) => {
    const found = await fetch(keys);
    return keys.map((key) => found.get(key) ?? []);
  });
}
