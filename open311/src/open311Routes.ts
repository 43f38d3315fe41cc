import { randomUUID } from 'node:crypto';
import { CATEGORIES } from '@huying/schema';
import express, { type Request, type Response, type Router } from 'express';
import { open311Settings } from './config';
import { FORMATS, send, sendError, type Format } from './formats';
import { REQUEST_OF_TOKEN, SERVICE_REQUEST, SERVICE_REQUESTS, SERVICES, SUBMIT } from './graphOperations';
import { Open311Error } from './open311Error';
import { field, reportOfPost, type FormFields } from './postedRequest';
import { noticeOf, requestOf, requestQueryOf, unknownRequest, type GraphServiceRequest } from './serviceRequests';
import { serviceDefinitionOf, servicesOf, type GraphCategory, type Open311Service } from './services';

export interface GraphAnswer {
  data?: Record<string, any> | null;
  errors?: readonly { message: string; extensions?: Record<string, unknown> }[];
}

/** Runs one operation on the hub's graph as the caller whose `Authorization` is given (none: anonymous). */
export type AskGraph = (operation: { query: string; variables?: Record<string, unknown> }, caller: { authorization?: string; requestId?: string }) => Promise<GraphAnswer>;

export interface Open311Options {
  ask: AskGraph;
  /** The hub's clock: when a posted request was received, and what "the last 90 days" means. */
  now?: () => Date;
  settings?: typeof open311Settings;
  /** Told of an answer the hub could not give (a part down, a bug), for the gateway's log. */
  onFailure?(error: unknown): void;
}

const REQUEST = /^\/v2\/(?:(services)|(services)\/([^/]+)|(requests)|(requests?)\/([^/]+)|(tokens)\/([^/]+))\.([a-z0-9]+)$/i;
// The graph answers at most this many per page; a larger page_size takes several.
const GRAPH_PAGE = 500;
const REQUESTS_XML = { list: 'service_requests', item: 'request' } as const;

/**
 * Open311 GeoReport v2 at /open311/v2 (and its discovery document at /open311/discovery.{json,xml}): a
 * REST face of the one graph. Every answer is a graph operation made as the caller (its `api_key`, or an
 * `Authorization: Bearer` token), so the graph's access rules decide here as everywhere.
 */
export function open311Routes(router: Router, options: Open311Options): void {
  const settings = options.settings ?? open311Settings;
  const now = options.now ?? (() => new Date());
  router.use('/open311', express.urlencoded({ extended: false, limit: '100kb' }), async (request, response) => {
    const format = formatOf(request.path);
    try {
      if (/^\/discovery\.[a-z]+$/i.test(request.path)) return discovery(request, response, format);
      const match = REQUEST.exec(request.path);
      if (!match || !FORMATS.includes(match[9]!.toLowerCase() as Format)) {
        throw new Open311Error(404, `no such Open311 resource: ${request.method} /open311${request.path} (formats: json, xml)`);
      }
      const fields: FormFields = request.method === 'POST' ? { ...request.query, ...(request.body ?? {}) } : request.query;
      checkJurisdiction(fields, settings.jurisdiction);
      const graph = new CallerGraph(options.ask, request, fields);
      const allowed = (methods: string[]) => {
        if (!methods.includes(request.method)) throw new Open311Error(405, `${request.method} is not allowed here (${methods.join(', ')})`);
      };
      if (match[1]) {
        allowed(['GET', 'HEAD']);
        return send(response, format, await services(graph), { list: 'services', item: 'service' });
      }
      if (match[2]) {
        allowed(['GET', 'HEAD']);
        const service = (await services(graph)).find((candidate) => candidate.service_code === match[3]);
        if (!service) throw new Open311Error(404, `service_code ${match[3]} was not found`);
        return send(response, format, serviceDefinitionOf(service), { element: 'service_definition' });
      }
      if (match[4] && request.method === 'POST') {
        const posted = await createRequest(graph, fields, now());
        return send(response, format, [posted], REQUESTS_XML, 201);
      }
      if (match[4]) {
        allowed(['GET', 'HEAD', 'POST']);
        const query = requestQueryOf(fields, now(), settings.requests);
        const nodes = await listRequests(graph, query.filter, query.limit);
        return send(response, format, nodes.map((node) => requestOf(node, query.extensions)), REQUESTS_XML);
      }
      if (match[5]) {
        allowed(['GET', 'HEAD']);
        const id = decodeURIComponent(match[6]!);
        const data = await graph.ask(SERVICE_REQUEST, { id }, 'read requests');
        if (!data.serviceRequest) throw unknownRequest(id);
        return send(response, format, [requestOf(data.serviceRequest, field(fields, 'extensions') === 'true')], REQUESTS_XML);
      }
      allowed(['GET', 'HEAD']);
      const token = decodeURIComponent(match[8]!);
      const data = await graph.ask(REQUEST_OF_TOKEN, { token }, 'read requests');
      if (!data.serviceRequestOfReport) throw new Open311Error(404, `token ${token} was not found`);
      return send(response, format, [{ service_request_id: data.serviceRequestOfReport.id, token }], REQUESTS_XML);
    } catch (error) {
      if (!(error instanceof Open311Error)) options.onFailure?.(error);
      sendError(response, format, error instanceof Open311Error ? error : new Open311Error(500, 'the hub could not answer this request; try again later'));
    }
  });
}

async function services(graph: CallerGraph): Promise<Open311Service[]> {
  const data = await graph.ask(SERVICES, {}, 'read services');
  return servicesOf(data.categories as GraphCategory[]);
}

// The tree a posted service code is checked against: the same one the graph's `categories` answers, read here
// without a round trip on every POST (the submit itself asks the graph, as the caller).
const POSTABLE = new Map(servicesOf(CATEGORIES).map((service) => [service.service_code, service]));

async function createRequest(graph: CallerGraph, fields: FormFields, now: Date) {
  if (!graph.hasCredential) throw new Open311Error(403, "api_key was not provided -- can't proceed with create_request.");
  const token = randomUUID();
  const report = reportOfPost(fields, { service: (code) => POSTABLE.get(code), token, now });
  const data = await graph.ask(SUBMIT, { report }, 'create_request');
  const [taken] = data.submitReports as [{ outcome: string; case: { id: string; reportCount: number } }];
  return { service_request_id: taken.case.id, token, service_notice: noticeOf(taken.outcome, taken.case.reportCount), account_id: null };
}

async function listRequests(graph: CallerGraph, filter: object, limit: number): Promise<GraphServiceRequest[]> {
  const nodes: GraphServiceRequest[] = [];
  let after: string | null = null;
  while (nodes.length < limit) {
    const data = await graph.ask(SERVICE_REQUESTS, { filter, first: Math.min(GRAPH_PAGE, limit - nodes.length), after }, 'read requests');
    nodes.push(...data.serviceRequests.nodes);
    if (!data.serviceRequests.pageInfo.hasNextPage) break;
    after = data.serviceRequests.pageInfo.endCursor;
  }
  return nodes;
}

/** The graph as this request's caller, its refusals and bad input as the spec's errors. */
class CallerGraph {
  private readonly caller: { authorization?: string; requestId?: string };

  constructor(
    private readonly askGraph: AskGraph,
    request: Request,
    fields: FormFields,
  ) {
    const apiKey = field(fields, 'api_key');
    const header = request.headers.authorization;
    const requestId = typeof request.headers['x-request-id'] === 'string' ? request.headers['x-request-id'] : undefined;
    this.caller = { authorization: apiKey ? `Bearer ${apiKey}` : header, requestId };
  }

  get hasCredential(): boolean {
    return this.caller.authorization !== undefined;
  }

  async ask(query: string, variables: Record<string, unknown>, action: string): Promise<Record<string, any>> {
    const answer = await this.askGraph({ query, variables }, this.caller);
    const error = answer.errors?.[0];
    if (!error) return answer.data!;
    const code = error.extensions?.code;
    if (code === 'UNAUTHENTICATED') {
      throw new Open311Error(403, this.hasCredential ? `Invalid api_key received -- can't proceed with ${action}.` : `api_key was not provided -- can't proceed with ${action}.`);
    }
    if (code === 'FORBIDDEN') throw new Open311Error(403, `this api_key may not ${action}.`);
    // A refused report's message starts with its place in the batch, which is always the first here.
    if (code === 'BAD_USER_INPUT') throw new Open311Error(400, error.message.replace(/^reports\[0\]:\s*/, ''));
    throw new Open311Error(503, error.message);
  }
}

function formatOf(path: string): Format {
  return /\.xml$/i.test(path) ? 'xml' : 'json';
}

function checkJurisdiction(fields: FormFields, served: string | undefined): void {
  const asked = field(fields, 'jurisdiction_id');
  if (served && asked && asked !== served) throw new Open311Error(404, `jurisdiction_id ${asked} is not served here (this endpoint serves ${served})`);
}

/** GeoReport's discovery document: where the endpoint is, which version and formats. */
function discovery(request: Request, response: Response, format: Format): void {
  const base = `${request.protocol}://${request.get('host')}/open311/v2/`;
  send(
    response,
    format,
    {
      changeset: '2026-12-05T00:00:00Z',
      contact: '12345 市民服务热线',
      key_service: 'api_key: an intake credential issued by the command centre (an operator token of role INTAKE:<app>)',
      endpoints: [{ specification: 'http://wiki.open311.org/GeoReport_v2', url: base, changeset: '2026-12-05T00:00:00Z', type: 'production', formats: ['application/json', 'text/xml'] }],
    },
    { element: 'discovery' },
  );
}
