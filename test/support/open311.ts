import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { XMLParser } from 'fast-xml-parser';

/** The GeoReport v2 material in ../shared/data (its SOURCE.md): the JSON schemas and the spec's examples. */
export const GEOREPORT_DIR = join(__dirname, '..', '..', '..', 'shared', 'data', 'open311_georeport_v2');

const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
for (const name of ['service', 'request']) ajv.addSchema(schemaFile(name), `${name}.json`);

function schemaFile(name: string): object {
  return JSON.parse(readFileSync(join(GEOREPORT_DIR, 'schema', `${name}.json`), 'utf8'));
}

/** The problems of `value` against one of the shipped schemas (`services`, `service-definition`, `requests` …); none: []. */
export function schemaProblems(schema: 'services' | 'service-definition' | 'requests', value: unknown): string[] {
  const validate = ajv.getSchema(`${schema}.json`) ?? ajv.compile({ ...schemaFile(schema), $id: `${schema}.json` });
  return validate(value) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message}`);
}

/**
 * One of the spec's examples: the re-serialised JSON (its numbers with leading zeros quoted), the verbatim
 * XML, or an error's verbatim `.http` answer (its status line, then the body).
 */
export function example(name: string): any {
  let text = readFileSync(join(GEOREPORT_DIR, 'examples', name), 'utf8');
  if (name.endsWith('.http')) text = text.slice(text.search(/\r?\n\r?\n/)).trim();
  return name.endsWith('.json') || /^[[{]/.test(text) ? JSON.parse(text) : xml.parse(text);
}

// The spec's repeated elements are lists even when one is there.
const REPEATED = new Set(['service', 'request', 'error', 'attribute', 'value']);
const xml = new XMLParser({ ignoreDeclaration: true, parseTagValue: false, isArray: (name) => REPEATED.has(name) });

export function parseXml(text: string): any {
  return xml.parse(text);
}

/** The field names of an item, sorted: what "the same shape as the spec's example" compares. */
export function fieldsOf(item: object): string[] {
  return Object.keys(item).sort();
}

export interface Open311Answer {
  status: number;
  contentType: string;
  text: string;
  json(): any;
  xml(): any;
}

/** An Open311 client's call over HTTP: a GET with a query, or a form-encoded POST, as the spec says. */
export async function open311(base: string, method: 'GET' | 'POST', path: string, fields: Record<string, string> = {}): Promise<Open311Answer> {
  const form = new URLSearchParams(fields);
  const url = `${base}/open311/v2/${path}${method === 'GET' && form.size ? `?${form}` : ''}`;
  const response = await fetch(url, method === 'POST' ? { method, body: form } : { method });
  const text = await response.text();
  return { status: response.status, contentType: response.headers.get('content-type') ?? '', text, json: () => JSON.parse(text), xml: () => parseXml(text) };
}

/** The bearer token out of an operator's headers: what an Open311 client sends as `api_key`. */
export function apiKeyOf(headers: Record<string, string>): string {
  return headers.authorization!.replace(/^Bearer /, '');
}
