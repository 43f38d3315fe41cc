import { createCipheriv, createDecipheriv, createHash, createSecretKey, randomBytes, type KeyObject } from 'node:crypto';
import { settings } from './config';

/**
 * Personal data at rest (PIPL: phone numbers, names, raw legacy records that hold them) is sealed with
 * AES-256-GCM. A sealed value reads `hy1.<keyId>.<base64url(iv ‖ tag ‖ ciphertext)>`: the key id lets a
 * city rotate keys (HUYING_DATA_KEYS lists the sealing key first, older keys after it, which still open).
 */
export interface DataKeyRing {
  /** Seals with the first key. */
  seal(clear: string): string;
  /** Opens a value sealed with any key of the ring; throws on a value it cannot authenticate. */
  open(sealed: string): string;
  /** Whether a stored value is sealed (rows written before sealing existed are not). */
  isSealed(value: string): boolean;
  /** A stored value in clear: opened when sealed, as it is when written before sealing existed. */
  openStored(stored: string): string;
  readonly keyIds: readonly string[];
  readonly isDevelopmentKey: boolean;
}

const PREFIX = 'hy1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const DEVELOPMENT_KEY_ID = 'dev';

/** Parses `k2:<base64 32 bytes>,k1:<base64 32 bytes>`; unset gives a development key derived from a fixed phrase. */
export function dataKeyRing(spec: string | undefined = settings.dataKeys): DataKeyRing {
  // Key objects, made once: a cipher given raw key bytes makes one for every value it seals.
  const keys = new Map<string, KeyObject>();
  if (!spec) {
    keys.set(DEVELOPMENT_KEY_ID, createSecretKey(createHash('sha256').update('huying-development-data-key-not-for-production').digest()));
  }
  for (const entry of (spec ?? '').split(',').map((part) => part.trim()).filter(Boolean)) {
    const separator = entry.indexOf(':');
    const id = entry.slice(0, separator);
    const key = Buffer.from(entry.slice(separator + 1), 'base64');
    if (separator < 1 || !/^[A-Za-z0-9_-]+$/.test(id)) throw new Error(`HUYING_DATA_KEYS: "${entry.slice(0, 12)}…" is not <keyId>:<base64 key>`);
    if (key.length !== 32) throw new Error(`HUYING_DATA_KEYS: key ${id} is ${key.length} bytes; AES-256 needs 32 (openssl rand -base64 32)`);
    if (keys.has(id)) throw new Error(`HUYING_DATA_KEYS: key id ${id} appears twice`);
    keys.set(id, createSecretKey(key));
  }
  const [currentId, currentKey] = [...keys.entries()][0]!;
  return {
    keyIds: [...keys.keys()],
    isDevelopmentKey: currentId === DEVELOPMENT_KEY_ID,
    isSealed: (value) => value.startsWith(`${PREFIX}.`),
    openStored(stored) {
      return this.isSealed(stored) ? this.open(stored) : stored;
    },
    seal(clear) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', currentKey, iv);
      const body = Buffer.concat([cipher.update(clear, 'utf8'), cipher.final()]);
      return `${PREFIX}.${currentId}.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')}`;
    },
    open(sealed) {
      const [prefix, id, payload] = sealed.split('.');
      const key = id ? keys.get(id) : undefined;
      if (prefix !== PREFIX || !key || !payload) throw new Error(`a sealed value with an unknown format or key id (${prefix}.${id ?? '?'})`);
      const bytes = Buffer.from(payload, 'base64url');
      const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, IV_BYTES));
      decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
    },
  };
}

let shared: DataKeyRing | undefined;

/** The process's key ring from HUYING_DATA_KEYS, parsed once. */
export function dataKeys(): DataKeyRing {
  return (shared ??= dataKeyRing());
}
