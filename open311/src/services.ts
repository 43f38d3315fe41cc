/** A category of the hub's one tree, as the graph answers `categories`. */
export interface GraphCategory {
  code: string;
  name: string;
  parentCode: string | null;
}

/** GeoReport v2's service (a request type), field for field as the spec lists it. */
export interface Open311Service {
  service_code: string;
  service_name: string;
  description: string | null;
  metadata: boolean;
  type: 'realtime' | 'batch' | 'blackbox';
  keywords: string | null;
  group: string | null;
}

export interface Open311Attribute {
  variable: boolean;
  code: string;
  datatype: 'string' | 'number' | 'datetime' | 'text' | 'singlevaluelist' | 'multivaluelist';
  required: boolean;
  datatype_description: string | null;
  order: number;
  description: string;
}

export interface Open311ServiceDefinition {
  service_code: string;
  attributes: Open311Attribute[];
}

/**
 * The one attribute every service asks for: a subject line, as the message board has. GeoReport has no
 * field for it, and a report's title is what an operator reads first in the review queue.
 */
export const TITLE_ATTRIBUTE: Open311Attribute = {
  variable: true,
  code: 'title',
  datatype: 'string',
  required: false,
  datatype_description: '一句话，例如“胜利街黎黄陂路口井盖缺失”',
  order: 1,
  description: '标题',
};

/**
 * Services are the leaves of the category tree (0202 井盖 …), grouped by their branch (市政设施); a branch
 * itself is not filed against. Each is realtime: a posted request is a case at once.
 */
export function servicesOf(categories: readonly GraphCategory[]): Open311Service[] {
  const names = new Map(categories.map((category) => [category.code, category.name]));
  return categories
    .filter((category) => category.parentCode !== null)
    .map((category) => {
      const group = names.get(category.parentCode!) ?? null;
      return {
        service_code: category.code,
        service_name: category.name,
        description: group ? `${group} · ${category.name}` : category.name,
        metadata: true,
        type: 'realtime',
        keywords: null,
        group,
      };
    });
}

export function serviceDefinitionOf(service: Open311Service): Open311ServiceDefinition {
  return { service_code: service.service_code, attributes: [TITLE_ATTRIBUTE] };
}
