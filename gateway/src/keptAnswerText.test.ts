import { InMemoryLRUCache } from '@apollo/utils.keyvaluecache';
import type { AddressInfo } from 'node:net';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { request as httpRequest } from 'node:http';
import compression from 'compression';
import express, { type Request, type Response } from 'express';
import { keptAnswerText, type KeptAnswerText } from './keptAnswerText';

// as Apollo's response cache keeps an answer: the JSON of { data, cachePolicy, cacheTime }
const DATA = { kpis: { cases: 3, label: '江岸区 "二七" 路\n' }, openCaseMap: [{ id: 'C1', location: { lng: 114.30123456789, lat: 30.6 } }] };
const kept = (data: unknown) => JSON.stringify({ data, cachePolicy: { maxAge: 5, scope: 'PUBLIC' }, cacheTime: 1_700_000_000_000 });

/** Runs `work` as the GraphQL route runs a request: inside `writesAnswers`. */
function inRequest<T>(text: KeptAnswerText, work: () => Promise<T>): Promise<T> {
  const response = { send: () => response } as unknown as Response;
  return new Promise<T>((resolve, reject) => text.writesAnswers({} as Request, response, () => work().then(resolve, reject)));
}

describe('a kept answer written as it was kept', () => {
  it('hands the response cache a stand-in and writes the kept text in its place, the same bytes as writing the data', async () => {
    const store = new InMemoryLRUCache<string>();
    const text = keptAnswerText(store);
    await text.cache.set('k', kept(DATA));
    const written = await inRequest(text, async () => {
      const envelope = JSON.parse((await text.cache.get('k'))!) as { data: Record<string, unknown>; cachePolicy: unknown; cacheTime: number };
      expect(envelope.data).not.toEqual(DATA);
      expect(envelope.cachePolicy).toEqual({ maxAge: 5, scope: 'PUBLIC' });
      expect(envelope.cacheTime).toBe(1_700_000_000_000);
      // Apollo hands stringifyResult its fields in this order, the absent ones undefined
      return text.stringifyResult({ errors: undefined, data: envelope.data, extensions: undefined });
    });
    expect(written).toBe(JSON.stringify({ data: DATA }));
  });

  it('writes what a plugin adds beside the data after it', async () => {
    const text = keptAnswerText(new InMemoryLRUCache<string>());
    await text.cache.set('k', kept(DATA));
    const written = await inRequest(text, async () => {
      const { data } = JSON.parse((await text.cache.get('k'))!) as { data: Record<string, unknown> };
      return text.stringifyResult({ data, extensions: { cost: 12 } });
    });
    expect(JSON.parse(written)).toEqual({ data: DATA, extensions: { cost: 12 } });
  });

  it('hands a route asking in process (no request written) the kept answer itself', async () => {
    const text = keptAnswerText(new InMemoryLRUCache<string>());
    await text.cache.set('k', kept(DATA));
    expect(await text.cache.get('k')).toBe(kept(DATA));
  });

  it('hands on a value in another shape, and a missing one, as they are', async () => {
    const store = new InMemoryLRUCache<string>();
    const text = keptAnswerText(store);
    await store.set('other', '{"cacheTime":1,"data":{"a":1}}');
    await inRequest(text, async () => {
      expect(await text.cache.get('other')).toBe('{"cacheTime":1,"data":{"a":1}}');
      expect(await text.cache.get('none')).toBeUndefined();
      expect(text.stringifyResult({ data: { a: 1 } })).toBe('{"data":{"a":1}}');
    });
  });

  it('writes the answer kept last under a key, and nothing once the store has dropped it', async () => {
    const store = new InMemoryLRUCache<string>();
    const text = keptAnswerText(store);
    const read = () =>
      inRequest(text, async () => {
        const value = await text.cache.get('k');
        return value === undefined ? undefined : text.stringifyResult({ data: (JSON.parse(value) as { data: Record<string, unknown> }).data });
      });
    await text.cache.set('k', kept({ kpis: 1 }));
    expect(await read()).toBe('{"data":{"kpis":1}}');
    await text.cache.set('k', kept({ kpis: 2 }));
    expect(await read()).toBe('{"data":{"kpis":2}}');
    await store.delete('k');
    expect(await read()).toBeUndefined();
  });

  it('sends a kept answer as the bytes and ETag express makes of its text, and any other answer as express does', async () => {
    const text = keptAnswerText(new InMemoryLRUCache<string>());
    await text.cache.set('k', kept(DATA));
    const app = express();
    app.post('/graphql', text.writesAnswers, async (request, response) => {
      // as the GraphQL route answers: Apollo's headers, then the string stringifyResult gave
      const value = await text.cache.get(String(request.query.key));
      const data = value === undefined ? { none: true } : (JSON.parse(value) as { data: Record<string, unknown> }).data;
      response.setHeader('content-type', 'application/json; charset=utf-8');
      response.send(text.stringifyResult({ data }));
    });
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const ask = (key: string) => fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql?key=${key}`, { method: 'POST' });
    try {
      const expected = Buffer.from(JSON.stringify({ data: DATA }));
      for (let time = 0; time < 2; time++) {
        const answer = await ask('k');
        expect(Buffer.from(await answer.arrayBuffer()).equals(expected)).toBe(true);
        expect(answer.headers.get('content-type')).toBe('application/json; charset=utf-8');
        expect(answer.headers.get('etag')).toBe((app.get('etag fn') as (body: Buffer) => string)(expected));
      }
      const other = await ask('none');
      expect(await other.json()).toEqual({ data: { none: true } });
      expect(other.headers.get('etag')).toBe((app.get('etag fn') as (body: Buffer) => string)(Buffer.from('{"data":{"none":true}}')));
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('sends a kept answer compressed once, br or gzip as the client asks, through compression untouched', async () => {
    const big = { rows: Array.from({ length: 200 }, (_, i) => ({ id: i, name: `江岸区二七路${i}号路灯不亮` })) };
    const text = keptAnswerText(new InMemoryLRUCache<string>(), { compressFrom: 1024 });
    await text.cache.set('big', kept(big));
    await text.cache.set('small', kept({ a: 1 }));
    const app = express();
    app.use(compression({ threshold: 1024 }));
    app.post('/graphql', text.writesAnswers, async (request, response) => {
      const { data } = JSON.parse((await text.cache.get(String(request.query.key)))!) as { data: Record<string, unknown> };
      response.setHeader('content-type', 'application/json; charset=utf-8');
      response.send(text.stringifyResult({ data }));
    });
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    // raw bytes as they cross the wire (fetch would decode them)
    const ask = (key: string, acceptEncoding?: string) =>
      new Promise<{ headers: Record<string, string | string[] | undefined>; body: Buffer }>((resolve, reject) => {
        const headers = acceptEncoding ? { 'accept-encoding': acceptEncoding } : {};
        const sent = httpRequest({ host: '127.0.0.1', port: (server.address() as AddressInfo).port, path: `/graphql?key=${key}`, method: 'POST', headers }, (answer) => {
          const chunks: Buffer[] = [];
          answer.on('data', (chunk: Buffer) => chunks.push(chunk));
          answer.on('end', () => resolve({ headers: answer.headers, body: Buffer.concat(chunks) }));
        });
        sent.on('error', reject);
        sent.end();
      });
    try {
      const expected = JSON.stringify({ data: big });
      const plain = await ask('big');
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.body.toString()).toBe(expected);
      for (let time = 0; time < 2; time++) {
        const gzip = await ask('big', 'gzip, deflate');
        expect(gzip.headers['content-encoding']).toBe('gzip');
        expect(gzip.headers.vary).toMatch(/accept-encoding/i);
        expect(gunzipSync(gzip.body).toString()).toBe(expected);
        expect(gzip.headers.etag).toBe(plain.headers.etag);
        const br = await ask('big', 'gzip, deflate, br');
        expect(br.headers['content-encoding']).toBe('br');
        expect(brotliDecompressSync(br.body).toString()).toBe(expected);
      }
      // under the threshold, as compression would: not compressed
      const small = await ask('small', 'gzip');
      expect(small.headers['content-encoding']).toBeUndefined();
      expect(small.body.toString()).toBe('{"data":{"a":1}}');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('keeps each request’s text its own while requests interleave', async () => {
    const text = keptAnswerText(new InMemoryLRUCache<string>());
    await text.cache.set('a', kept({ kpis: 'a' }));
    await text.cache.set('b', kept({ kpis: 'b' }));
    const ask = (key: string) =>
      inRequest(text, async () => {
        const { data } = JSON.parse((await text.cache.get(key))!) as { data: Record<string, unknown> };
        await new Promise((resolve) => setTimeout(resolve, key === 'a' ? 20 : 0));
        return text.stringifyResult({ data });
      });
    expect(await Promise.all([ask('a'), ask('b')])).toEqual(['{"data":{"kpis":"a"}}', '{"data":{"kpis":"b"}}']);
  });
});
