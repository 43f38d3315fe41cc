import { XMLBuilder } from 'fast-xml-parser';
import type { Response } from 'express';
import type { Open311Error } from './open311Error';

export const FORMATS = ['json', 'xml'] as const;
export type Format = (typeof FORMATS)[number];

/**
 * How one answer is written in XML: the spec wraps a list in a plural element of singular items
 * (`<services><service>`, `<service_requests><request>`, `<errors><error>`) and a definition in one element.
 */
export type XmlShape = { list: string; item: string } | { element: string };

const xml = new XMLBuilder({ format: true, ignoreAttributes: false, suppressEmptyNode: false, indentBy: '    ' });
const DECLARATION = { '?xml': { '@_version': '1.0', '@_encoding': 'utf-8' } };

/** Writes `body` as JSON or as the spec's XML; null fields become empty elements, as in the spec's examples. */
export function send(response: Response, format: Format, body: unknown, shape: XmlShape, status = 200): void {
  if (format === 'json') {
    response.status(status).type('application/json; charset=utf-8').send(JSON.stringify(body));
    return;
  }
  const content = 'list' in shape ? { [shape.list]: { [shape.item]: xmlValues(body as unknown[]) } } : { [shape.element]: xmlValues(body) };
  response.status(status).type('text/xml; charset=utf-8').send(xml.build({ ...DECLARATION, ...content }));
}

export function sendError(response: Response, format: Format, error: Open311Error): void {
  send(response, format, [{ code: error.status, description: error.description }], { list: 'errors', item: 'error' }, error.status);
}

// Lists inside an item repeat their singular element (`<attributes><attribute>`, discovery's `<endpoints><endpoint>`).
const SINGULAR: Record<string, string> = { attributes: 'attribute', values: 'value', endpoints: 'endpoint', formats: 'format' };

function xmlValues(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(xmlValues);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) =>
      Array.isArray(inner) && SINGULAR[key] ? [key, { [SINGULAR[key]]: xmlValues(inner) }] : [key, xmlValues(inner)],
    ),
  );
}
