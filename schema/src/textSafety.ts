/**
 * Characters a report's text may not hold. PostgreSQL refuses a NUL in `text` and `jsonb` (so one would
 * fail a whole transaction), a lone UTF-16 surrogate is not Unicode (it is silently turned into U+FFFD
 * on the way to the database, or refused by `jsonb`), and the other C0 controls are never part of a
 * citizen's complaint: they are encoding damage in a legacy export. Tab, line feed and carriage return
 * are ordinary text.
 */
const SUSPECT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF]/;

const isHighSurrogate = (unit: number) => unit >= 0xd800 && unit <= 0xdbff;
const isLowSurrogate = (unit: number) => unit >= 0xdc00 && unit <= 0xdfff;
const isRefusedControl = (unit: number) => unit < 0x20 && unit !== 0x09 && unit !== 0x0a && unit !== 0x0d;

const codePoint = (unit: number) => `U+${unit.toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * Why `value` cannot be kept as text, or null when it can. The reason names the character by its code
 * point and where it is (counting characters from 1), never by echoing it.
 */
export function unsafeTextReason(value: string): string | null {
  // Almost every value has none of these: one regex pass answers, the walk below only explains.
  if (!SUSPECT.test(value)) return null;
  let position = 0;
  for (let index = 0; index < value.length; index++) {
    position++;
    const unit = value.charCodeAt(index);
    if (isHighSurrogate(unit)) {
      if (isLowSurrogate(value.charCodeAt(index + 1))) {
        index++; // a proper pair: one character outside the Basic Multilingual Plane
        continue;
      }
      return `must not contain a lone UTF-16 surrogate (${codePoint(unit)}), which is not valid Unicode; found at character ${position}`;
    }
    if (isLowSurrogate(unit)) {
      return `must not contain a lone UTF-16 surrogate (${codePoint(unit)}), which is not valid Unicode; found at character ${position}`;
    }
    if (unit === 0) return `must not contain a NUL character (U+0000); found at character ${position}`;
    if (isRefusedControl(unit)) return `must not contain the control character ${codePoint(unit)}; found at character ${position}`;
  }
  return null;
}

/** The first string inside `value` (an object, array or string) that cannot be kept as text: its path and why. */
export function findUnsafeText(value: unknown, path = ''): { field: string; reason: string } | null {
  if (typeof value === 'string') {
    const reason = unsafeTextReason(value);
    return reason ? { field: path || '(value)', reason } : null;
  }
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = findUnsafeText(item, `${path}[${index}]`);
      if (found) return found;
    }
    return null;
  }
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    for (const [key, item] of Object.entries(value)) {
      const found = findUnsafeText(item, path ? `${path}.${key}` : key);
      if (found) return found;
    }
  }
  return null;
}

/**
 * `value` with every refused character written as a visible `\uXXXX` escape: for text we keep about a
 * bad record (a dead letter's source id and reason), which must itself be storable.
 */
export function escapeUnsafeText(value: string): string {
  if (!SUSPECT.test(value)) return value;
  let escaped = '';
  for (let index = 0; index < value.length; index++) {
    const unit = value.charCodeAt(index);
    if (isHighSurrogate(unit) && isLowSurrogate(value.charCodeAt(index + 1))) {
      escaped += value.slice(index, index + 2);
      index++;
    } else if (isHighSurrogate(unit) || isLowSurrogate(unit) || isRefusedControl(unit)) {
      escaped += `\\u${unit.toString(16).padStart(4, '0')}`;
    } else {
      escaped += value[index];
    }
  }
  return escaped;
}
