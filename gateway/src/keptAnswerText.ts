import { AsyncLocalStorage } from 'node:async_hooks';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { RequestHandler } from 'express';
import type { FormattedExecutionResult } from 'graphql';
import { InMemoryLRUCache, type KeyValueCache, type KeyValueCacheSetOptions } from '@apollo/utils.keyvaluecache';

/**
 * What stands in for a kept answer's data between Apollo's response cache and the server's writing of the
 * answer. No GraphQL response key has a colon in it, so no answer's data can be mistaken for it.
 */
const STAND_IN = 'huying:kept';
/** How Apollo's response cache writes a kept answer: the JSON of `{ data, cachePolicy, cacheTime }`, in that order. */
const DATA_STARTS = '{"data":';
const DATA_ENDS = ',"cachePolicy":';

export interface KeptAnswerText {
  /** The store to give Apollo's response cache: the one given, read so that a kept answer is written as it was kept. */
  cache: KeyValueCache<string>;
  /** The server's `stringifyResult`: a kept answer's text as it was kept, any other answer `JSON.stringify`'d. */
  stringifyResult(result: FormattedExecutionResult): string;
  /**
   * Before the GraphQL route: the request whose answers are written (an operation a route asks in process is
   * not), and a kept answer sent as its bytes and ETag, made once, compressed once for a client that asks.
   */
  writesAnswers: RequestHandler;
}

export interface KeptAnswerTextOptions {
  /** The most the kept answers' texts and bytes take in memory (default 32 MB). */
  maxSize?: number;
  /**
   * From how many bytes a kept answer goes compressed (br or gzip, as the client asks) when the client accepts
   * it: the gateway's `compression` threshold, which then lets the already-encoded answer through untouched.
   */
  compressFrom?: number;
}

/**
 * A kept answer as it is written: its text (a kept envelope's data in `{"data":…}`), its UTF-8 bytes, their
 * ETag (the same for every encoding, as `compression` leaves express's), and the bytes compressed, each made once.
 */
interface Written {
  text: string;
  bytes: Buffer;
  etag?: string;
  br?: Buffer;
  gzip?: Buffer;
}

// as `compression` compresses: brotli at quality 4, gzip at zlib's default level
const COMPRESSED = {
  br: (bytes: Buffer) => brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } }),
  gzip: (bytes: Buffer) => gzipSync(bytes),
};

/**
 * A kept answer written as it was kept, not parsed and written again for every caller. Apollo's response cache
 * keeps an answer as JSON and, on each hit, parses it into objects that the server then writes back into JSON,
 * encodes as UTF-8 and hashes for its ETag. A city's dashboard answer is ~100 KB of mostly Chinese text, which
 * V8 holds at two bytes a character: over 64 K characters a string is a large object, given pages of its own
 * each time, and at 10⁶ cases those steps took most of the gateway's CPU for each kept answer (JSON.stringify
 * 4× slower a byte than just under the size). Here the store hands the response cache the kept envelope with a
 * stand-in for its data, `stringifyResult` writes the answer's text in its place, and the route sends that
 * text's bytes, all made once for each kept answer. A browser asks for br or gzip: `compression` would compress
 * each kept answer again for every caller (8× the cost of sending it), so it is compressed once here too.
 *
 * What is kept, for whom and for how long stays the response cache's to decide (its key, its scope, its TTL);
 * the store given is still the one answers are kept in, so replicas sharing it share them. An operation a route
 * asks in process (`executeOperation`) is never written, so it always reads the data itself.
 */
export function keptAnswerText(store: KeyValueCache<string>, options: KeptAnswerTextOptions = {}): KeptAnswerText {
  const compressFrom = options.compressFrom ?? 1024;
  // each kept answer as it is written, by the response cache's key (two bytes a character, one a byte, and the compressed)
  const answers = new InMemoryLRUCache<Written>({ maxSize: options.maxSize ?? 32 * 2 ** 20, sizeCalculation: (written) => written.bytes.length * 4 });
  // the answer a request's stand-in stands for: held by the request, so no other caller's answer can push it out
  const requests = new AsyncLocalStorage<{ written?: Written }>();

  const cache: KeyValueCache<string> = {
    async get(key) {
      const kept = await store.get(key);
      const request = requests.getStore();
      const dataEnds = kept === undefined ? -1 : kept.lastIndexOf(DATA_ENDS);
      // a kept answer in another shape (or one read for a route) is handed on as it is
      if (!request || kept === undefined || !kept.startsWith(DATA_STARTS) || dataEnds < 0) return kept;
      let written = await answers.get(key);
      if (written === undefined) {
        const text = `${kept.slice(0, dataEnds)}}`;
        written = { text, bytes: Buffer.from(text) };
        await answers.set(key, written);
      }
      request.written = written;
      return `${DATA_STARTS}{"${STAND_IN}":true}${kept.slice(dataEnds)}`;
    },
    async set(key: string, value: string, setOptions?: KeyValueCacheSetOptions) {
      await answers.delete(key);
      await store.set(key, value, setOptions);
    },
    async delete(key) {
      await answers.delete(key);
      return store.delete(key);
    },
  };

  return {
    cache,
    stringifyResult(result) {
      const text = requests.getStore()?.written?.text;
      if (text === undefined || !(result.data && STAND_IN in result.data)) return JSON.stringify(result);
      // a kept answer has nothing beside its data (Apollo names `errors` and `extensions`, undefined); should a
      // plugin add something, it follows the data
      const { data: _standIn, ...rest } = result;
      const besides = JSON.stringify(rest);
      return besides === '{}' ? text : `${text.slice(0, -1)},${besides.slice(1)}`;
    },
    writesAnswers: (request, response, next) => {
      const slot: { written?: Written } = {};
      const send = response.send.bind(response);
      response.send = ((body: unknown) => {
        const written = slot.written;
        // the very string stringifyResult gave: the kept text, nothing added
        if (written === undefined || body !== written.text) return send(body);
        const etagOf = request.app.get('etag fn') as ((body: Buffer, encoding: BufferEncoding) => string) | undefined;
        if (etagOf && !response.get('ETag')) response.set('ETag', (written.etag ??= etagOf(written.bytes, 'utf8')));
        // br whenever the client takes it (smaller, and made once), else gzip
        const encoding = written.bytes.length < compressFrom || response.get('Content-Encoding') ? false : request.acceptsEncodings('br') || request.acceptsEncodings('gzip');
        if (encoding !== 'br' && encoding !== 'gzip') return send(written.bytes);
        response.vary('Accept-Encoding');
        response.set('Content-Encoding', encoding);
        return send((written[encoding] ??= COMPRESSED[encoding](written.bytes)));
      }) as typeof response.send;
      requests.run(slot, next);
    },
  };
}
