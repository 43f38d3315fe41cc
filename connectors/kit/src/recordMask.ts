import { maskContact, maskPhonesInText } from '@huying/schema';

/**
 * A raw legacy record as someone who may not see personal data is shown it: the channel's personal fields
 * masked (a number as 138****5678, a name to its first letter), and every phone number in any other text.
 */
export function maskRecord(value: unknown, personalFields: readonly string[], key?: string): unknown {
  if (typeof value === 'string') {
    if (key !== undefined && personalFields.includes(key)) return /\d{5,}/.test(value) ? maskContact(value) : maskName(value);
    return maskPhonesInText(value);
  }
  if (Array.isArray(value)) return value.map((item) => maskRecord(item, personalFields));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([field, inner]) => [field, maskRecord(inner, personalFields, field)]));
  }
  return value;
}

function maskName(name: string): string {
  const letters = [...name.trim()];
  return letters.length ? `${letters[0]}${'*'.repeat(Math.max(1, letters.length - 1))}` : '';
}
