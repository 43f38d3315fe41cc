import type { ReportInput } from '@huying/schema';
import { malformed, missing, Open311Error } from './open311Error';
import type { Open311Service } from './services';

/** A form-encoded POST body as express parses it (`attribute[title]` stays a flat key). */
export type FormFields = Record<string, unknown>;

// GeoReport's limit on a description; the hub's own (10,000) would take more.
const DESCRIPTION_MAX = 4000;

/**
 * A GeoReport `POST requests` as one of the hub's reports (channel OPEN311), so it goes through the same
 * intake and duplicate filter as a hotline call. Its `sourceId` is the token the client may look it up by.
 *
 * Kept: the service (as the category hint), the place (WGS-84 point and/or address), the description, the
 * `title` attribute, and the phone as every channel's contact (sealed, hashed, masked). Not kept: `email`,
 * `first_name`, `last_name`, `device_id`, `account_id` (the hub calls back by phone and stores no names)
 * and `media_url` (reports carry no media yet).
 */
export function reportOfPost(form: FormFields, context: { service: (code: string) => Open311Service | undefined; token: string; now: Date }): ReportInput {
  const code = field(form, 'service_code');
  if (!code) throw missing('service_code');
  const service = context.service(code);
  if (!service) throw new Open311Error(404, `service_code ${code} is not a service here (GET services.json lists them)`);

  const location = pointOf(form);
  const address = field(form, 'address_string');
  if (!location && !address && !field(form, 'address_id')) {
    throw missing('a location', ': give lat and long, address_string or address_id');
  }
  const description = field(form, 'description');
  if (description && description.length > DESCRIPTION_MAX) throw malformed('description', `at most ${DESCRIPTION_MAX} characters`);

  return {
    channel: 'OPEN311',
    sourceId: context.token,
    receivedAt: context.now.toISOString(),
    title: field(form, 'attribute[title]') ?? null,
    // A request may come with no words at all; its service then says what is wrong.
    text: description ?? service.service_name,
    address: address ?? null,
    location,
    categoryHint: service.service_code,
    contact: field(form, 'phone') ?? null,
    intakeMode: 'ONLINE',
  };
}

function pointOf(form: FormFields): ReportInput['location'] {
  const lat = field(form, 'lat');
  const long = field(form, 'long');
  if (lat === undefined && long === undefined) return null;
  if (lat === undefined) throw missing('lat', ' (long was)');
  if (long === undefined) throw missing('long', ' (lat was)');
  return { lat: coordinate('lat', lat, 90), lng: coordinate('long', long, 180), crs: 'WGS84' };
}

function coordinate(name: string, text: string, limit: number): number {
  const value = Number(text);
  if (!/^[-+]?\d+(\.\d+)?$/.test(text.trim()) || Math.abs(value) > limit) {
    throw malformed(name, `a WGS-84 ${name === 'lat' ? 'latitude' : 'longitude'} in decimal degrees from -${limit} to ${limit}`);
  }
  return value;
}

/** One form or query field as trimmed text; a repeated field counts as its first value, an empty one as absent. */
export function field(fields: FormFields, name: string): string | undefined {
  const raw = fields[name];
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}
