import type { RunningGateway } from '@huying/gateway';
import { startTestGateway } from './support/gateway';

/** What express would have leaked: its HTML error page, a stack trace, the server's paths. */
const LEAKS = /<html|<pre|\bat [\w.<>]+ \(|node_modules|\/work\/|\.ts:\d+/i;

describe('errors in the gateway’s HTTP layer', () => {
  let gateway: RunningGateway;
  beforeAll(async () => {
    gateway = await startTestGateway({
      routes: (router) =>
        router.get('/broken', () => {
          throw new Error(`failed reading ${__filename} from http://127.0.0.1:4001/graphql`);
        }),
    });
  });
  afterAll(() => gateway?.close());

  async function expectJsonError(response: Response, status: number, error: { message: string; extensions: { code: string } }) {
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const text = await response.text();
    expect(text).not.toMatch(LEAKS);
    expect(JSON.parse(text)).toEqual({ errors: [error] });
  }

  it('answers a malformed JSON body with 400 and a GraphQL error, not an HTML stack trace', async () => {
    for (const body of ['{"query": ', '{"query": "{ __typename }",}', 'not json']) {
      const response = await fetch(gateway.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      await expectJsonError(response, 400, { message: 'the request body is not valid JSON', extensions: { code: 'BAD_REQUEST' } });
    }
  });

  it('answers a failing route with 500 and a generic GraphQL error', async () => {
    await expectJsonError(await fetch(`${gateway.base}/broken`), 500, { message: 'the gateway could not answer this request', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  });

  it('answers an unknown path with 404 in JSON', async () => {
    await expectJsonError(await fetch(`${gateway.base}/no/such/thing`, { method: 'POST' }), 404, { message: 'there is nothing at this path', extensions: { code: 'NOT_FOUND' } });
  });

  it('answers an unsupported body encoding with 415 in JSON', async () => {
    const response = await fetch(gateway.url, { method: 'POST', headers: { 'content-type': 'application/json', 'content-encoding': 'x-unknown' }, body: '{}' });
    await expectJsonError(response, 415, { message: "the request body's charset or encoding is not supported", extensions: { code: 'BAD_REQUEST' } });
  });
});
