import { z } from 'zod';
import { CHANNELS, COORDINATE_SYSTEMS, INTAKE_MODES, type Channel, type CoordinateSystem, type IntakeMode } from './taxonomy';
import { unsafeTextReason } from './textSafety';
import { parseZonedTime, ZONED_TIME_EXAMPLE } from './zonedTime';

/** Limits a report must respect; a city's longest real complaints are a few thousand characters. */
export const REPORT_LIMITS = {
  sourceId: 128,
  title: 200,
  text: 10_000,
  address: 500,
  categoryHint: 100,
  contact: 32,
} as const;

/** A report as a channel hands it to intake (the GraphQL `ReportInput`). */
export interface ReportInput {
  channel: Channel;
  sourceId: string;
  /** A Date from a connector's mapping; the RFC 3339 text itself from GraphQL (checked here, per report). */
  receivedAt: Date | string;
  title?: string | null;
  text: string;
  address?: string | null;
  location?: { lng: number; lat: number; crs?: CoordinateSystem | null } | null;
  categoryHint?: string | null;
  contact?: string | null;
  intakeMode?: IntakeMode | null;
}

export interface FieldIssue {
  /** Path inside the report, e.g. `location.lat`. */
  field: string;
  reason: string;
}

export type Validated<T> = { ok: true; value: T } | { ok: false; issues: FieldIssue[] };

/** Every string of a report goes through this: a character the database cannot keep refuses the report, not the batch. */
const storableText = (value: string, ctx: z.RefinementCtx) => {
  const reason = unsafeTextReason(value);
  if (reason) ctx.addIssue({ code: 'custom', message: reason });
};

const optionalText = (max: number) =>
  z
    .string()
    .max(max, { message: `must be at most ${max} characters` })
    .superRefine(storableText)
    .nullish()
    .transform((value) => (value == null || value.trim() === '' ? null : value.trim()));

// z.date() already refuses an Invalid Date (a connector's failed parse); a string is read strictly here.
const receivedAt = z.union([z.date(), z.string()], { message: `must be a time with a zone (e.g. ${ZONED_TIME_EXAMPLE})` }).transform((value, ctx) => {
  if (value instanceof Date) return value;
  const parsed = parseZonedTime(value);
  if (parsed.ok) return parsed.date;
  ctx.addIssue({ code: 'custom', message: parsed.reason });
  return z.NEVER;
});

const reportSchema = z.object({
  channel: z.enum(CHANNELS, { message: `must be one of ${CHANNELS.join(', ')}` }),
  sourceId: z
    .string({ message: 'is required' })
    .trim()
    .min(1, { message: 'must not be empty' })
    .max(REPORT_LIMITS.sourceId, { message: `must be at most ${REPORT_LIMITS.sourceId} characters` })
    .superRefine(storableText),
  receivedAt,
  title: optionalText(REPORT_LIMITS.title),
  text: z
    .string({ message: 'is required' })
    .max(REPORT_LIMITS.text, { message: `must be at most ${REPORT_LIMITS.text} characters` })
    .superRefine(storableText)
    .transform((value) => value.trim())
    .refine((value) => value.length > 0, { message: 'must not be empty' }),
  address: optionalText(REPORT_LIMITS.address),
  location: z
    .object({
      lng: z.number({ message: 'must be a number' }).finite().min(-180, { message: 'must be between -180 and 180' }).max(180, { message: 'must be between -180 and 180' }),
      lat: z.number({ message: 'must be a number' }).finite().min(-90, { message: 'must be between -90 and 90' }).max(90, { message: 'must be between -90 and 90' }),
      crs: z.enum(COORDINATE_SYSTEMS, { message: `must be one of ${COORDINATE_SYSTEMS.join(', ')}` }).nullish().transform((crs) => crs ?? 'WGS84'),
    })
    .nullish()
    .transform((value) => value ?? null),
  categoryHint: optionalText(REPORT_LIMITS.categoryHint),
  contact: optionalText(REPORT_LIMITS.contact),
  intakeMode: z.enum(INTAKE_MODES, { message: `must be one of ${INTAKE_MODES.join(', ')}` }).nullish().transform((value) => value ?? null),
});

export type ValidReport = z.output<typeof reportSchema>;

/** Checks a report from any channel; every problem is named by its field, so a person can fix it. */
export function validateReport(raw: unknown): Validated<ValidReport> {
  const parsed = reportSchema.safeParse(raw);
  if (parsed.success) return { ok: true, value: parsed.data };
  return {
    ok: false,
    issues: parsed.error.issues.map((issue) => ({
      field: issue.path.map(String).join('.') || '(report)',
      reason: issue.message,
    })),
  };
}

export function describeIssues(issues: readonly FieldIssue[]): string {
  return issues.map((issue) => `${issue.field} ${issue.reason}`).join('; ');
}
