import type { Level } from '@huying/schema';
import type { CasePlace, OrgChart } from './orgChart';
import type { DepartmentConfig, DepartmentLevel } from './organisation';

/** Who handles a level: A1/A2 the community, B the street, C the district, D the city. */
export const HANDLING_LEVEL: Record<Level, DepartmentLevel> = { A1: 'COMMUNITY', A2: 'COMMUNITY', B: 'STREET', C: 'DISTRICT', D: 'CITY' };

const ORDER: readonly DepartmentLevel[] = ['COMMUNITY', 'STREET', 'DISTRICT', 'CITY'];

export function levelAbove(level: DepartmentLevel): DepartmentLevel | null {
  return ORDER[ORDER.indexOf(level) + 1] ?? null;
}

export function isBelow(a: DepartmentLevel, b: DepartmentLevel): boolean {
  return ORDER.indexOf(a) < ORDER.indexOf(b);
}

export interface ResponsibilityDecision {
  department: DepartmentConfig;
  /** True when the matrix named no one (or several): the command centre above assigns it. */
  unclear: boolean;
  reason: string;
}

/**
 * The responsibility matrix: the functional departments at the case's handling level whose areas cover
 * the case and whose category prefixes match (longest prefix wins). None or a tie is unclear responsibility,
 * which goes to the command centre of the level above (权责不清由上级指定派单).
 */
export function responsibleDepartment(org: OrgChart, categoryCode: string | null, level: Level, place: CasePlace): ResponsibilityDecision {
  const handling = HANDLING_LEVEL[level];
  const chain = new Set(org.areaChain(place.communityId ?? place.streetId ?? org.file.district.id));
  // A case that is not placed in a community cannot be handled by a community, nor one without a street by a street.
  const placedDeepEnough = handling === 'COMMUNITY' ? place.communityId !== null : handling === 'STREET' ? place.streetId !== null : true;
  let best: DepartmentConfig[] = [];
  let bestLength = -1;
  if (placedDeepEnough) {
    for (const department of org.departments.values()) {
      if (department.kind !== 'FUNCTIONAL' || department.level !== handling) continue;
      if (!department.areas.some((area) => chain.has(area))) continue;
      const length = matchLength(department.categories, categoryCode ?? '');
      if (length < 0) continue;
      if (length > bestLength) {
        best = [department];
        bestLength = length;
      } else if (length === bestLength) best.push(department);
    }
  }
  if (best.length === 1) return { department: best[0]!, unclear: false, reason: `责任矩阵: ${best[0]!.name}` };
  const why = !placedDeepEnough
    ? `地址未能定位到${handling === 'COMMUNITY' ? '社区' : '街道'}`
    : best.length === 0
      ? '责任矩阵中没有对应部门'
      : `多个部门均可能负责 (${best.map((department) => department.name).join('、')})`;
  const centre = commandCentreAbove(org, handling, place);
  return { department: centre, unclear: true, reason: `权责不清, 由上级指定派单: ${why}` };
}

/** "*" matches everything at length 0; a prefix matches at its own length; no match is -1. */
function matchLength(prefixes: readonly string[], code: string): number {
  let best = -1;
  for (const prefix of prefixes) {
    if (prefix === '*') best = Math.max(best, 0);
    else if (code.startsWith(prefix)) best = Math.max(best, prefix.length);
  }
  return best;
}

/** The command centre one level above `level` for this place (the city's own centre has nothing above it). */
export function commandCentreAbove(org: OrgChart, level: DepartmentLevel, place: CasePlace): DepartmentConfig {
  let above = levelAbove(level) ?? 'CITY';
  for (;;) {
    const centre = org.commandCentre(above, above === 'STREET' ? place.communityId ?? place.streetId : place.streetId);
    if (centre) return centre;
    // A street centre needs a placed street; without one the district centre takes it.
    above = levelAbove(above) ?? 'CITY';
  }
}

/** Escalation goes to the command centre of the level above the department that holds the case. */
export function escalationTarget(org: OrgChart, from: DepartmentConfig, place: CasePlace): DepartmentConfig | { refused: string } {
  if (from.level === 'CITY') return { refused: `${from.name} is at the city level: there is no level above to escalate to` };
  return commandCentreAbove(org, from.level, place.streetId || place.communityId ? place : areaPlace(org, from));
}

function areaPlace(org: OrgChart, department: DepartmentConfig): CasePlace {
  const chain = org.areaChain(org.homeArea(department));
  const street = org.file.streets.find((candidate) => chain.includes(candidate.id));
  const community = street?.communities.find((candidate) => chain.includes(candidate.id));
  return { streetId: street?.id ?? null, communityId: community?.id ?? null };
}

/**
 * 首问负责: a department above the street that was asked first may not send the case back down to a
 * street or community; it coordinates instead. Command centres assign to anyone.
 */
export function handOverRefusal(actor: DepartmentConfig | null, from: DepartmentConfig, to: DepartmentConfig): string | null {
  if (actor && actor.kind === 'COMMAND_CENTRE') return null;
  if (!actor) return null;
  if (from.kind === 'FUNCTIONAL' && isBelow(to.level, from.level) && isBelow(to.level, 'DISTRICT')) {
    return `首问负责: ${from.name} may not return the case to ${to.name} (${to.level === 'STREET' ? '街道' : '社区'}); it must handle and coordinate it itself`;
  }
  return null;
}
