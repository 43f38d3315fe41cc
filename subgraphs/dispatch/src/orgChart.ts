import { distanceMeters, type GeoPoint } from '@huying/schema';
import type { DepartmentConfig, DepartmentLevel, OrganisationFile } from './organisation';

/** Where a case is: its street and community in the organisation file (null when not placed). */
export interface CasePlace {
  streetId: string | null;
  communityId: string | null;
}

/** The organisation file as lookups: departments, the area tree, and where an address falls. */
export class OrgChart {
  readonly departments: ReadonlyMap<string, DepartmentConfig>;
  /** Each area's parent: community → street → district. */
  private readonly parentOf = new Map<string, string>();
  /** Each area's name as people read it (二七街道, 工农路社区). */
  private readonly nameOf = new Map<string, string>();

  constructor(readonly file: OrganisationFile) {
    this.departments = new Map(file.departments.map((department) => [department.id, department]));
    this.nameOf.set(file.district.id, file.district.name);
    for (const street of file.streets) {
      this.parentOf.set(street.id, file.district.id);
      this.nameOf.set(street.id, street.name);
      for (const community of street.communities) {
        this.parentOf.set(community.id, street.id);
        this.nameOf.set(community.id, community.name);
      }
    }
  }

  department(id: string): DepartmentConfig | undefined {
    return this.departments.get(id);
  }

  /** A district's, street's or community's name; null for an area the file does not have. */
  areaName(areaId: string | null): string | null {
    return (areaId && this.nameOf.get(areaId)) || null;
  }

  /** The area and every area above it (community, street, district). */
  areaChain(areaId: string | null): string[] {
    const chain: string[] = [];
    for (let area = areaId ?? undefined; area; area = this.parentOf.get(area)) chain.push(area);
    return chain;
  }

  /** The address text names a community (or at least a street); else the nearest community centre in range. */
  /**
   * Where a case belongs: by its address, else by the nearest community centre in range, else by what its
   * text names (a message-board post rarely has an address or coordinates, but says 惠民苑 or 江大路).
   */
  place(address: string | null, location: GeoPoint | null, text: string | null = null): CasePlace {
    const byAddress = this.placeByWords(address ?? '');
    if (byAddress.communityId) return byAddress;
    let nearest: { streetId: string; communityId: string; meters: number } | undefined;
    if (location) {
      for (const street of this.file.streets) {
        for (const community of street.communities) {
          if (!community.center) continue;
          const meters = distanceMeters(location, community.center);
          if (meters <= community.radiusMeters && (!nearest || meters < nearest.meters)) {
            nearest = { streetId: street.id, communityId: community.id, meters };
          }
        }
      }
    }
    if (nearest) return { streetId: nearest.streetId, communityId: nearest.communityId };
    if (byAddress.streetId || !text) return byAddress;
    return this.placeByWords(text);
  }

  private placeByWords(words: string): CasePlace {
    for (const street of this.file.streets) {
      for (const community of street.communities) {
        if (community.addressKeywords.some((keyword) => words.includes(keyword))) return { streetId: street.id, communityId: community.id };
      }
    }
    const street = this.file.streets.find((candidate) => candidate.addressKeywords.some((keyword) => words.includes(keyword)));
    return { streetId: street?.id ?? null, communityId: null };
  }

  /** The command centre at `level` whose areas cover `areaId` (for the city and district: the one there is). */
  commandCentre(level: DepartmentLevel, areaId: string | null): DepartmentConfig | undefined {
    const chain = new Set(this.areaChain(areaId));
    const centres = this.file.departments.filter((department) => department.level === level && department.kind === 'COMMAND_CENTRE');
    return centres.find((centre) => centre.areas.some((area) => chain.has(area))) ?? (level === 'STREET' ? undefined : centres[0]);
  }

  /** The district-or-lower area a department works in (its first area). */
  homeArea(department: DepartmentConfig): string {
    return department.areas[0]!;
  }

  supervisionOffice(): DepartmentConfig {
    return this.departments.get(this.file.supervision.office)!;
  }
}
