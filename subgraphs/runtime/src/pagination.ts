import { userInputError } from './errors';

/** Relay cursors are opaque to clients: base64url of the keyset position. */
export function encodeCursor(position: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

export function decodeCursor(cursor: string): (string | number)[] {
  try {
    const position = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(position) && position.every((part) => typeof part === 'string' || typeof part === 'number')) {
      return position as (string | number)[];
    }
  } catch {
    // fall through to the typed error
  }
  throw userInputError('after is not a cursor this API handed out', { field: 'after' });
}

export const MAX_PAGE_SIZE = 500;

export function pageSize(first: number | null | undefined, fallback = 20): number {
  const size = first ?? fallback;
  if (!Number.isInteger(size) || size < 0 || size > MAX_PAGE_SIZE) {
    throw userInputError(`first must be an integer from 0 to ${MAX_PAGE_SIZE}`, { field: 'first' });
  }
  return size;
}
