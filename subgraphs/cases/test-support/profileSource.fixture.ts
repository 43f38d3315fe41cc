import type { ProfileSource } from '../src/dedup/reportProfile';

/** A report's fields for the filter's unit tests: nothing but what `patch` says, received 2026-11-20. */
export const profileSource = (patch: Partial<ProfileSource>): ProfileSource => ({
  title: null,
  text: '',
  address: null,
  location: null,
  categoryHint: null,
  receivedAt: new Date('2026-11-20T01:00:00Z'),
  contactHash: null,
  ...patch,
});
