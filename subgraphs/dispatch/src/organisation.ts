import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { CATEGORIES, LEVELS, MATTER_TYPES, WHISTLES } from '@huying/schema';

export const DEPARTMENT_LEVELS = ['COMMUNITY', 'STREET', 'DISTRICT', 'CITY'] as const;
export type DepartmentLevel = (typeof DEPARTMENT_LEVELS)[number];
export const DEPARTMENT_KINDS = ['FUNCTIONAL', 'COMMAND_CENTRE', 'SUPERVISION'] as const;
export type DepartmentKind = (typeof DEPARTMENT_KINDS)[number];

const point = z.object({ lng: z.number().min(-180).max(180), lat: z.number().min(-90).max(90) });
const head = z.object({ name: z.string().min(1), phone: z.string().regex(/^[0-9+\-]{5,20}$/, 'a phone number') });
const areaId = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and dashes');

const communitySchema = z.object({
  id: areaId,
  name: z.string().min(1),
  addressKeywords: z.array(z.string().min(1)).default([]),
  center: point.optional(),
  radiusMeters: z.number().positive().default(800),
  grids: z.array(z.string().min(1)).default([]),
});

const streetSchema = z.object({
  id: areaId,
  name: z.string().min(1),
  addressKeywords: z.array(z.string().min(1)).default([]),
  communities: z.array(communitySchema).default([]),
});

const departmentSchema = z.object({
  id: areaId,
  name: z.string().min(1),
  level: z.enum(DEPARTMENT_LEVELS),
  kind: z.enum(DEPARTMENT_KINDS),
  areas: z.array(areaId).min(1),
  categories: z.array(z.string().regex(/^(\*|\d{2}|\d{4})$/, 'a category code prefix (2 or 4 digits) or *')).default([]),
  heads: z.object({ responsible: head, main: head }),
});

const ruleSchema = z.object({
  categories: z.array(z.string().regex(/^\d{2,4}$/)).default([]),
  keywords: z.array(z.string().min(1)).default([]),
  level: z.enum(LEVELS),
  whistle: z.enum(WHISTLES),
  matterType: z.enum(MATTER_TYPES),
  deadlineMinutes: z.number().int().positive().optional(),
});

const organisationSchema = z.object({
  district: z.object({ id: areaId, name: z.string().min(1) }),
  streets: z.array(streetSchema).min(1),
  departments: z.array(departmentSchema).min(1),
  classification: z.object({
    emergencyWords: z.array(z.string().min(1)).default([]),
    timeLimits: z.object({
      A1: z.number().int().positive(),
      A2: z.number().int().positive(),
      B: z.number().int().positive(),
      C: z.number().int().positive(),
      D: z.number().int().positive(),
      QUICK: z.number().int().positive(),
      EMERGENCY: z.number().int().positive(),
    }),
    rules: z.array(ruleSchema),
    fallback: ruleSchema.omit({ categories: true, keywords: true }),
  }),
  supervision: z.object({ office: areaId, pushAfterMinutes: z.number().int().positive() }),
  departmentKeys: z
    .array(z.object({ department: areaId, sha256: z.string().regex(/^[0-9a-f]{64}$/, 'sha256 hex of the key') }))
    .default([]),
});

export type OrganisationFile = z.infer<typeof organisationSchema>;
export type DepartmentConfig = z.infer<typeof departmentSchema>;
export type ClassificationRule = z.infer<typeof ruleSchema>;
export type StreetConfig = z.infer<typeof streetSchema>;
export type CommunityConfig = z.infer<typeof communitySchema>;

/** A bad organisation file: the message names the file and every offending field. */
export class OrganisationFileError extends Error {
  constructor(
    readonly source: string,
    readonly issues: { path: string; message: string }[],
  ) {
    super(`organisation file ${source} is not valid:\n${issues.map((issue) => `  ${issue.path || '(root)'}: ${issue.message}`).join('\n')}`);
    this.name = 'OrganisationFileError';
  }
}

/** Reads and checks a city's organisation file (YAML or JSON, which is YAML too). */
export function loadOrganisationFile(path: string): OrganisationFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new OrganisationFileError(path, [{ path: '', message: `cannot be read (${(error as Error).message})` }]);
  }
  return parseOrganisation(text, path);
}

export function parseOrganisation(text: string, source = 'organisation'): OrganisationFile {
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (error) {
    throw new OrganisationFileError(source, [{ path: '', message: `is not YAML/JSON (${(error as Error).message})` }]);
  }
  const parsed = organisationSchema.safeParse(raw);
  if (!parsed.success) {
    throw new OrganisationFileError(
      source,
      parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
    );
  }
  const issues = crossReferenceIssues(parsed.data);
  if (issues.length > 0) throw new OrganisationFileError(source, issues);
  return parsed.data;
}

/** What the schema alone cannot see: ids that must exist and be unique. */
function crossReferenceIssues(file: OrganisationFile): { path: string; message: string }[] {
  const issues: { path: string; message: string }[] = [];
  const areaIds = new Set<string>([file.district.id]);
  const seen = (id: string, path: string) => {
    if (areaIds.has(id)) issues.push({ path, message: `area id "${id}" is used twice` });
    areaIds.add(id);
  };
  file.streets.forEach((street, s) => {
    seen(street.id, `streets.${s}.id`);
    street.communities.forEach((community, c) => seen(community.id, `streets.${s}.communities.${c}.id`));
  });
  const departmentIds = new Set<string>();
  const categoryCodes = new Set(CATEGORIES.map((category) => category.code));
  file.departments.forEach((department, d) => {
    if (departmentIds.has(department.id)) issues.push({ path: `departments.${d}.id`, message: `department id "${department.id}" is used twice` });
    departmentIds.add(department.id);
    department.areas.forEach((area, a) => {
      if (!areaIds.has(area)) issues.push({ path: `departments.${d}.areas.${a}`, message: `no district, street or community "${area}"` });
    });
    department.categories.forEach((code, c) => {
      if (code !== '*' && !categoryCodes.has(code)) issues.push({ path: `departments.${d}.categories.${c}`, message: `no category "${code}"` });
    });
  });
  for (const level of ['STREET', 'DISTRICT', 'CITY'] as const) {
    if (!file.departments.some((department) => department.level === level && department.kind === 'COMMAND_CENTRE')) {
      issues.push({ path: 'departments', message: `needs a COMMAND_CENTRE at level ${level} (unclear cases go there)` });
    }
  }
  const office = file.departments.find((department) => department.id === file.supervision.office);
  if (!office || office.kind !== 'SUPERVISION') {
    issues.push({ path: 'supervision.office', message: `"${file.supervision.office}" is not a department of kind SUPERVISION` });
  }
  file.departmentKeys.forEach((key, k) => {
    if (!departmentIds.has(key.department)) issues.push({ path: `departmentKeys.${k}.department`, message: `no department "${key.department}"` });
  });
  return issues;
}
