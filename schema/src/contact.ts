import { createHmac } from 'node:crypto';

/**
 * A citizen's phone number is personal information (个人信息保护法): the hub keeps a keyed hash, so the
 * same caller can be recognised, and a masked form to show. The clear number is never stored.
 */
export function normalizeContact(contact: string): string {
  const digits = contact.replace(/[^\d+]/g, '').replace(/^\+?86(?=1\d{10}$)/, '');
  return digits || contact.trim();
}

export function contactHash(contact: string, key: string): string {
  return createHmac('sha256', key).update(normalizeContact(contact)).digest('hex');
}

/** 13812345678 → 138****5678; short numbers keep only their last two digits. */
export function maskContact(contact: string): string {
  const normalized = normalizeContact(contact);
  if (normalized.length >= 11) return `${normalized.slice(0, 3)}****${normalized.slice(-4)}`;
  if (normalized.length <= 2) return '*'.repeat(normalized.length);
  return `${'*'.repeat(normalized.length - 2)}${normalized.slice(-2)}`;
}

/**
 * Every phone number inside a free text masked (mobiles 138****5678, landlines 027-****5678): legacy records
 * and complaint texts carry numbers where no mapping expects them.
 */
export function maskPhonesInText(text: string): string {
  return text
    .replace(/(?<!\d)(?:\+?86[- ]?)?(1[3-9]\d)[- ]?\d{4}[- ]?(\d{4})(?!\d)/g, '$1****$2')
    .replace(/(?<!\d)(0\d{2,3}[- ]?)\d{3,4}[- ]?(\d{4})(?!\d)/g, '$1****$2');
}
