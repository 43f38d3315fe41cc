import { z } from 'zod';
import { CHANNELS, COORDINATE_SYSTEMS, INTAKE_MODES, type Channel, type CoordinateSystem, type IntakeMode } from './taxonomy';

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
  receivedAt: Date;
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

const optionalText = (max: number) =>
  z
    .string()
    .max(max, { message: `must be at most ${max} characters` })
    .nullish()
    .transform((value) => (value == null || value.trim() === '' ? null : value.trim()));

const receivedAt = z.union([z.date(), z.string()]).transform((value, ctx) => {
  const date = value instanceof Date ? value : parseZonedTime(value);
  if (!date || Number.isNaN(date.getTime())) {
    ctx.addIssue({ code: 'custom', message: 'is not a time with a zone (e.g. 2026-11-21T08:30:00+08:00)' });
    return z.NEVER;
  }
  return date;
});

const reportSchema = z.object({
  channel: z.enum(CHANNELS, { message: `must be one of ${CHANNELS.join(', ')}` }),
  sourceId: z
    .string({ message: 'is required' })
    .trim()
    .min(1, { message: 'must not be empty' })
    .max(REPORT_LIMITS.sourceId, { message: `must be at most ${REPORT_LIMITS.sourceId} characters` }),
  receivedAt,
  title: optionalText(REPORT_LIMITS.title),
  text: z
    .string({ message: 'is required' })
    .max(REPORT_LIMITS.text, { message: `must be at most ${REPORT_LIMITS.text} characters` })
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

/** An ISO time must say its zone: a bare local time is ambiguous and is refused here (connectors add +08:00). */
function parseZonedTime(value: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(value.trim())) return null;
  return new Date(value);
}
